package dev.htmxws.protocol;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connect element's socket goes (docs/spec/protocol.md §3.2): the string htmx hands to {@code new WebSocket}
 * and the URL a browser then connects to, which differ for odd values (htmx 1/2 pass {@code wss:/x}
 * through, and the browser's URL parser reads {@code x} as the host).
 */
public final class SocketUrl {

    /**
     * @param given     what htmx passes to the WebSocket constructor
     * @param connectTo what the browser connects to (ws: or wss:), or null when the browser refuses it
     * @param warning   a pitfall worth telling, or null
     */
    public record Resolved(String given, String connectTo, Warning warning) {
    }

    private SocketUrl() {
    }

    public static Resolved resolve(Dialect dialect, String value, String pageUrl) {
        URI page = URI.create(pageUrl.replace("{port}", "0"));
        String secure = "https".equalsIgnoreCase(page.getScheme()) ? "wss:" : "ws:";
        String host = authority(pageUrl);
        if (dialect == Dialect.HTMX4) {
            String given = htmx4(value, secure, host, page);
            return new Resolved(given, given, warning(dialect, value));
        }
        String given = value;
        if (value.startsWith("/") && isHttp(page)) {
            given = secure + "//" + host + value;
        }
        return new Resolved(given, browser(given, pageUrl, secure), warning(dialect, value));
    }

    private static String htmx4(String url, String secure, String host, URI page) {
        if (url.startsWith("ws://") || url.startsWith("wss://")) {
            return url;
        }
        if (url.startsWith("http://")) {
            return "ws://" + url.substring(7);
        }
        if (url.startsWith("https://")) {
            return "wss://" + url.substring(8);
        }
        if (url.startsWith("//")) {
            return secure + url;
        }
        if (url.startsWith("/")) {
            return secure + "//" + host + url;
        }
        String path = page.getRawPath() == null ? "/" : page.getRawPath();
        return secure + "//" + host + path.substring(0, path.lastIndexOf('/') + 1) + url;
    }

    /** What the WHATWG URL parser makes of the string handed to {@code new WebSocket(url)}. */
    private static String browser(String given, String pageUrl, String secure) {
        String lower = given.toLowerCase(Locale.ROOT);
        for (String scheme : new String[] {"ws:", "wss:", "http:", "https:"}) {
            if (lower.startsWith(scheme)) {
                String rest = given.substring(scheme.length()).replaceFirst("^[/\\\\]*", "");
                String ws = scheme.startsWith("http") ? (scheme.equals("https:") ? "wss:" : "ws:") : scheme;
                int slash = rest.indexOf('/');
                String authority = slash < 0 ? rest : rest.substring(0, slash);
                String path = slash < 0 ? "/" : rest.substring(slash);
                return authority.isEmpty() ? null : ws + "//" + authority.toLowerCase(Locale.ROOT) + path;
            }
        }
        if (given.contains("#")) {
            return null; // browsers refuse fragments in WebSocket URLs
        }
        URI relative = uriSafe(given);
        if (relative == null) {
            return null; // not even a relative URL java.net.URI can take: reported as refused, not thrown
        }
        String resolved = URI.create(pageUrl.replace("{port}", "0")).resolve(relative).toString();
        return secure
            + resolved.substring(resolved.indexOf(':') + 1).replace("//127.0.0.1:0", "//" + authority(pageUrl));
    }

    /**
     * The relative URL with what java.net.URI refuses but a browser's URL parser takes percent-encoded: spaces,
     * controls, non-ASCII, {@code "<>^`{|}[]}, and a {@code %} not followed by two hex digits (a server's
     * {@code ws-connect="/%zz"} must not throw); null for what is still not a URI ({@code ":x"}). A backslash
     * is a slash, as for the browser.
     */
    static URI uriSafe(String relative) {
        StringBuilder b = new StringBuilder(relative.length() + 16);
        byte[] utf8 = relative.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int c = utf8[i] & 0xff;
            if (c == '\\') {
                b.append('/'); // a backslash is a slash in ws: and http: URLs
                continue;
            }
            boolean escape = c <= 0x20 || c >= 0x7f || "\"<>^`{|}[]".indexOf(c) >= 0
                || (c == '%' && !(i + 2 < utf8.length && isHex(utf8[i + 1]) && isHex(utf8[i + 2])));
            if (escape) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                b.append((char) c);
            }
        }
        try {
            return new URI(b.toString());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static boolean isHttp(URI page) {
        return "http".equalsIgnoreCase(page.getScheme()) || "https".equalsIgnoreCase(page.getScheme());
    }

    /** host[:port] of the page as written (so a literal {port} placeholder survives). */
    private static String authority(String pageUrl) {
        int start = pageUrl.indexOf("//");
        if (start < 0) {
            return "";
        }
        int end = start + 2;
        while (end < pageUrl.length() && "/?#".indexOf(pageUrl.charAt(end)) < 0) {
            end++;
        }
        return pageUrl.substring(start + 2, end);
    }

    private static Warning warning(Dialect d, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("ws:") || lower.startsWith("wss:"))
            && !lower.substring(lower.indexOf(':') + 1).startsWith("//")) {
            return new Warning("url-prefix-form", "\"" + value + "\" has a scheme without //: "
                + (d == Dialect.HTMX4 ? "htmx 4 treats it as a relative path"
                    : "the browser reads the next segment as the host"));
        }
        if (value.startsWith("//") && d != Dialect.HTMX4) {
            return new Warning("url-protocol-relative", "\"" + value + "\" starts with //: htmx " + d.number()
                + " appends it to the page's host (ws://HOST//…)");
        }
        return null;
    }
}
