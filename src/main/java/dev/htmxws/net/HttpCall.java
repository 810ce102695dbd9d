package dev.htmxws.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One HTTP request as a page's {@code fetch}, XHR or {@code EventSource} makes it: its own connection, redirects
 * followed (301/302/303 turn a POST into a GET without its body; 307/308 repeat it), the options of the command line
 * (TLS, connect timeout, extra headers), the page's cookies for the page's host. {@link #close()} ends it from any
 * thread, a connect, a handshake or a read included.
 */
public final class HttpCall implements Closeable {

    public static final int MAX_REDIRECTS = 20;

    /** A response head: the status, the headers (names lower case) and the URL that answered. */
    public record Head(int status, String reason, Map<String, List<String>> headers, URI url) {
        /** The first value of a header (any case), or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** The cookies a page holds: what goes with a request, and what a response sets. */
    public interface Cookies {
        /** The Cookie header for a request to {@code url}, or null. */
        String header(URI url);

        /** A response from {@code url} set these cookies ({@code Set-Cookie} values). */
        void store(URI url, List<String> setCookie);
    }

    private final WsOptions options;
    private final Cookies cookies;
    private volatile Http1Connection current;
    private volatile boolean closed;
    private InputStream body;

    public HttpCall(WsOptions options, Cookies cookies) {
        this.options = options;
        this.cookies = cookies;
    }

    /**
     * Sends the request and reads the answer's head (following redirects); the body is then {@link #body()}.
     *
     * @param headers the page's headers for it (htmx's, Accept, Content-Type…), in order
     * @param body    null for none
     * @param idleMillis how long the body may stay silent (0: no limit, for an event stream)
     */
    public Head send(String method, URI url, Map<String, String> headers, byte[] body, int idleMillis)
        throws IOException {
        return send(method, url, headers, body, idleMillis, () -> {});
    }

    /**
     * As {@link #send(String, URI, Map, byte[], int)}; {@code written} runs once the first request is on the wire (or
     * failed to get there), before its answer is awaited: a caller that keeps several requests to one host in order,
     * as a browser sends them, lets the next one go then.
     */
    public Head send(String method, URI url, Map<String, String> headers, byte[] body, int idleMillis,
        Runnable written) throws IOException {
        try {
            return exchange(method, url, headers, body, idleMillis, written);
        } finally {
            written.run(); // at most once in effect: the caller's gate ignores a second call
        }
    }

    private Head exchange(String method, URI url, Map<String, String> headers, byte[] body, int idleMillis,
        Runnable written) throws IOException {
        URI target = url;
        String m = method;
        byte[] payload = body;
        for (int redirects = 0;; redirects++) {
            Http1Connection conn = new Http1Connection();
            current = conn;
            if (closed) {
                conn.close();
                throw new IOException("closed");
            }
            SSLContext ssl = isHttps(target) ? options.tls().context() : null;
            int connectMillis = millis(options.connectTimeout().toMillis());
            conn.connect(Urls.bareHost(target), Urls.port(target), ssl, options.tls().verifyHostname(), connectMillis,
                options.proxy());
            Http1Connection.Response r = conn.request(m, requestTarget(target), requestHeaders(target, headers,
                payload != null), payload, connectMillis, idleMillis, written);
            List<String> set = r.headers().get("set-cookie");
            if (set != null && cookies != null) {
                cookies.store(target, set);
            }
            String location = r.header("location");
            if (isRedirect(r.status()) && location != null) {
                conn.close();
                if (redirects == MAX_REDIRECTS) {
                    throw new IOException("more than " + MAX_REDIRECTS + " redirects, the last to " + location);
                }
                target = resolve(target, location);
                if (r.status() == 303 || (r.status() <= 302 && m.equals("POST"))) {
                    m = "GET";
                    payload = null;
                }
                continue;
            }
            this.body = r.body();
            return new Head(r.status(), r.reason(), r.headers(), target);
        }
    }

    /** The body of the answer {@link #send} returned. */
    public InputStream body() {
        return body;
    }

    /** Reads the whole body as UTF-8 text, refusing more than {@code max} bytes. */
    public String bodyText(int max) throws IOException {
        byte[] all = body.readNBytes(max + 1);
        if (all.length > max) {
            throw new IOException("the response is larger than " + max + " bytes");
        }
        return new String(all, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        Http1Connection c = current;
        if (c != null) {
            c.close();
        }
    }

    private List<HttpHeader> requestHeaders(URI target, Map<String, String> page, boolean hasBody) {
        List<HttpHeader> list = new ArrayList<>();
        list.add(new HttpHeader("Host", hostHeader(target)));
        page.forEach((k, v) -> list.add(new HttpHeader(k, v)));
        list.add(new HttpHeader("User-Agent", "htmxws/" + version()));
        String cookie = cookies == null ? null : cookies.header(target);
        if (cookie != null) {
            list.add(new HttpHeader("Cookie", cookie));
        }
        for (String[] h : options.headers()) { // the command line's -H: for every request the session makes
            list.removeIf(existing -> existing.is(h[0]));
            list.add(new HttpHeader(h[0], h[1]));
        }
        return list;
    }

    private static URI resolve(URI base, String location) throws IOException {
        URI next;
        try {
            next = base.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("redirect to a bad location: " + NetErrors.oneLine(location));
        }
        if (!isHttp(next) || next.getHost() == null) {
            throw new IOException("redirect to " + next + ", which is not an http(s) URL");
        }
        return next;
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The MIME type without parameters, lower case: {@code text/event-stream; charset=utf-8} → {@code text/event-stream}. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static boolean isHttp(URI u) {
        String scheme = u.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    static boolean isHttps(URI u) {
        return "https".equalsIgnoreCase(u.getScheme());
    }

    static String hostHeader(URI u) {
        return u.getPort() < 0 || u.getPort() == (isHttps(u) ? 443 : 80) ? u.getHost()
            : u.getHost() + ":" + u.getPort();
    }

    static String origin(URI u) {
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":"
            + Urls.port(u);
    }

    static String requestTarget(URI u) {
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    }

    static String version() {
        String v = HttpCall.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static int millis(long ms) {
        return ms <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
