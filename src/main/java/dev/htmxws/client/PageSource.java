package dev.htmxws.client;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.net.CookieJar;
import dev.htmxws.net.HttpCall;
import dev.htmxws.net.NetErrors;
import dev.htmxws.net.Urls;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.PageModel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The page a session runs: fetched from a URL like a browser (keeping the cookies it sets, for the upgrade
 * to the same host only), read from a file, or a stand-in built around a bare ws:// URL.
 *
 * @param cookies the Cookie header value the page's response set, or null
 * @param real    false for a stand-in page (messages are then only planned, not swapped)
 */
public record PageSource(VirtualDom dom, PageModel.Detection detection, String cookies, boolean real) {

    /**
     * Fetches an http(s) page as a browser would, with the connection options every other request of the session
     * uses (headers, --cookie, TLS, --proxy, timeouts), following redirects.
     */
    public static PageSource fetch(String url, WsOptions options) throws IOException {
        URI uri = URI.create(url);
        CookieJar jar = CookieJar.of(url, options.cookie());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        try (HttpCall call = new HttpCall(options, jar)) {
            HttpCall.Head head;
            byte[] body;
            int idle = (int) Math.max(options.connectTimeout().toMillis(), 10_000);
            try {
                head = call.send("GET", uri, headers, null, idle);
                if (head.status() / 100 != 2) {
                    throw new IOException(
                        "cannot load the page " + url + ": HTTP " + head.status() + " " + head.reason());
                }
                String type = head.header("content-type");
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                    throw new EventStream(url);
                }
                body = call.body().readAllBytes();
            } catch (EventStream e) {
                throw e;
            } catch (IOException e) {
                throw e.getMessage() != null && e.getMessage().startsWith("cannot load the page") ? e
                    : new IOException("cannot load the page " + url + ": " + NetErrors.describe(e,
                        Urls.hostPort(uri), options.proxy()), e);
            }
            String html = new String(body, charset(head.header("content-type")));
            VirtualDom dom = VirtualDom.parse(html, head.url().toString());
            return new PageSource(dom, PageModel.detect(dom.document()), jar.header(head.url()), true);
        }
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
