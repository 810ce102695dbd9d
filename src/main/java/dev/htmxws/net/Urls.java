package dev.htmxws.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The URL facts every connection needs, written once: default ports, host:port for messages, what makes a URL unusable. */
public final class Urls {

    private Urls() {
    }

    /** Whether the scheme is one with TLS (wss, https). */
    public static boolean secure(URI u) {
        String s = u.getScheme();
        return "https".equalsIgnoreCase(s) || "wss".equalsIgnoreCase(s);
    }

    /** The port, or the scheme's default (443 with TLS, else 80). */
    public static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : secure(u) ? 443 : 80;
    }

    /** {@code host:port}, as messages name a server. */
    public static String hostPort(URI u) {
        return u.getHost() + ":" + port(u);
    }

    /** The host without the brackets of an IPv6 literal, as a socket takes it. */
    public static String bareHost(URI u) {
        String h = u.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /**
     * What makes a URL someone typed one that no connection can be made to, in words that follow the quoted URL ("is
     * not a valid URL (illegal character in path at character 26); write a space as %20", "names no host", ": port 0
     * is out of range"), or null when it is fine.
     */
    public static String problem(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL (" + e.getReason().toLowerCase(Locale.ROOT) + " at character "
                + (e.getIndex() + 1) + ")" + (url.contains(" ") ? "; write a space as %20" : "");
        }
        if (u.getHost() == null) {
            return "names no host; e.g. ws://127.0.0.1:8000/chatroom";
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            return ": port " + u.getPort() + " is out of range (1-65535)";
        }
        return null;
    }
}
