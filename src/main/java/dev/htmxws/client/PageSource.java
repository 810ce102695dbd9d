package dev.htmxws.client;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.net.Tls;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.PageModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;

/**
 * The page a session runs: fetched from a URL like a browser (keeping the cookies it sets, for the upgrade
 * to the same host only), read from a file, or a stand-in built around a bare ws:// URL.
 *
 * @param cookies the Cookie header value the page's response set, or null
 * @param real    false for a stand-in page (messages are then only planned, not swapped)
 */
public record PageSource(VirtualDom dom, PageModel.Detection detection, String cookies, boolean real) {

    /** Fetches an http(s) page. */
    public static PageSource fetch(String url, Tls tls, Duration timeout, List<String[]> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        if (c instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.context().getSocketFactory());
            if (!tls.verifyHostname()) {
                https.setHostnameVerifier((h, s) -> true);
            }
        }
        c.setConnectTimeout((int) timeout.toMillis());
        c.setReadTimeout((int) Math.max(timeout.toMillis(), 10_000));
        c.setRequestProperty("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        for (String[] h : headers) {
            c.setRequestProperty(h[0], h[1]);
        }
        int status;
        try {
            status = c.getResponseCode();
        } catch (IOException e) {
            throw new IOException("cannot load the page " + url + ": " + e.getMessage(), e);
        }
        if (status / 100 != 2) {
            throw new IOException("cannot load the page " + url + ": HTTP " + status + " " + c.getResponseMessage());
        }
        String type = c.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            c.disconnect();
            throw new EventStream(url);
        }
        byte[] body;
        try (InputStream in = c.getInputStream()) {
            body = in.readAllBytes();
        }
        String html = new String(body, charset(c.getContentType()));
        VirtualDom dom = VirtualDom.parse(html, c.getURL().toString());
        return new PageSource(dom, PageModel.detect(dom.document()), cookies(c.getHeaderFields()), true);
    }

    /** Reads a page from a file; {@code pageUrl} is where it would be served (for relative socket URLs). */
    public static PageSource file(Path file, String pageUrl) throws IOException {
        String html = Files.readString(file, StandardCharsets.UTF_8);
        String url = pageUrl != null ? pageUrl : file.toAbsolutePath().toUri().toString();
        VirtualDom dom = VirtualDom.parse(html, url);
        return new PageSource(dom, PageModel.detect(dom.document()), null, true);
    }

    /** A page holding just a connect element for {@code wsUrl} and, inside it, {@code inner} markup. */
    public static PageSource standIn(Dialect d, String wsUrl, String inner, String pageUrl) {
        String attr = switch (d) {
            case HTMX1 -> "hx-ws=\"connect:" + escape(wsUrl) + "\"";
            case HTMX2 -> "hx-ext=\"ws\" ws-connect=\"" + escape(wsUrl) + "\"";
            case HTMX4 -> "hx-ws:connect=\"" + escape(wsUrl) + "\"";
        };
        String html = "<!DOCTYPE html><html><head></head><body><div id=\"htmxws-connection\" " + attr + ">" + inner
            + "</div></body></html>";
        VirtualDom dom = VirtualDom.parse(html, pageUrl != null ? pageUrl : httpUrlOf(wsUrl));
        return new PageSource(dom, new PageModel.Detection(d, "--htmx (no page)"), null, false);
    }

    /**
     * A page holding just an htmx 2 {@code sse-connect} element for an event stream URL, with no listener: each event
     * is reported by its name and data, as a browser's EventSource would deliver it.
     */
    public static PageSource standInStream(String streamUrl) {
        String html = "<!DOCTYPE html><html><head></head><body><div id=\"htmxws-stream\" hx-ext=\"sse\" sse-connect=\""
            + escape(streamUrl) + "\"></div></body></html>";
        VirtualDom dom = VirtualDom.parse(html, streamUrl);
        return new PageSource(dom, new PageModel.Detection(Dialect.HTMX2, "an event stream (no page)"), null, false);
    }

    /** The http(s) URL of the same host as a ws(s) URL: what HX-Current-URL names when there is no page. */
    public static String httpUrlOf(String wsUrl) {
        URI u = URI.create(wsUrl);
        String scheme = "wss".equalsIgnoreCase(u.getScheme()) ? "https" : "http";
        return scheme + "://" + u.getRawAuthority() + "/";
    }

    /** Whether the page's cookies may go with an upgrade to {@code wsUrl} (same host only). */
    public boolean cookiesFor(String wsUrl) {
        if (cookies == null) {
            return false;
        }
        String pageHost = URI.create(dom.url()).getHost();
        String wsHost = URI.create(wsUrl).getHost();
        return pageHost != null && pageHost.equalsIgnoreCase(wsHost);
    }

    /** The page's origin, as a browser sends it in the upgrade. */
    public String origin() {
        URI u = URI.create(dom.url());
        if (u.getScheme() == null || u.getHost() == null || !u.getScheme().startsWith("http")) {
            return null;
        }
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    private static String cookies(Map<String, List<String>> headers) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase("Set-Cookie")) {
                for (String v : e.getValue()) {
                    String pair = v.split(";", 2)[0].trim();
                    if (pair.contains("=")) {
                        pairs.add(pair);
                    }
                }
            }
        }
        return pairs.isEmpty() ? null : String.join("; ", pairs);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", ""));
                    } catch (IllegalArgumentException ignored) {
                        // fall back to UTF-8, as browsers mostly do for unknown labels
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    /** The URL answered with an event stream, not a page: a caller that can listen to SSE takes over. */
    public static final class EventStream extends IOException {
        private static final long serialVersionUID = 1L;

        public EventStream(String url) {
            super(url + " is a text/event-stream (Server-Sent Events), not a page");
        }
    }
}
