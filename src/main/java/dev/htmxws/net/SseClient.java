package dev.htmxws.net;

import dev.htmxws.sse.SseEvent;
import dev.htmxws.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A client for a {@code text/event-stream} that behaves like a browser's {@code EventSource} (HTML standard,
 * "Server-sent events"):
 *
 * <ul>
 *   <li>GET with {@code Accept: text/event-stream} and {@code Cache-Control: no-cache}, redirects followed
 *       (and reported); each reconnect starts again from the original URL, as the standard's request does.</li>
 *   <li>Anything but a 200 with content type {@code text/event-stream} (parameters allowed, whatever charset
 *       they name) fails the connection for good, no reconnect (a 204 is how a server says "stop").</li>
 *   <li>The body is UTF-8, decoded across reads; events are delivered in order.</li>
 *   <li>When the stream ends or the network fails, it reconnects after the reconnection time (3000 ms, or the
 *       last {@code retry:} of the server) with {@code Last-Event-ID} when an id is known. The id is the one
 *       as of the last blank line (an {@code id:} of an event cut off by the end of the stream does not
 *       count) and it carries over to the next connection, as in Chromium.</li>
 * </ul>
 *
 * <p>Beyond the browser: {@code reconnect(false)} and {@code maxRetries(n)} (reconnect attempts in a row that
 * did not open a stream again), a connect timeout (TCP and TLS handshake) and optional response and idle
 * timeouts. Problems that retrying cannot fix (certificate problems, an unknown host) fail at once, where a
 * browser would retry in silence.
 *
 * <p>All listener calls come from the client's own daemon thread, in order, and {@link Listener#closed()} is
 * always the last one. {@link #close()} may be called from any thread, the listener's included: it closes the
 * socket, so a connect, handshake or read in progress ends at once.
 */
public final class SseClient implements AutoCloseable {

    /** The reconnection time before a server sets one with {@code retry:}. */
    public static final long DEFAULT_RECONNECTION_MILLIS = 3000;
    /** How many redirects one connection follows (the fetch standard's limit). */
    public static final int MAX_REDIRECTS = 20;

    /** What happens to a stream, on the client's thread, in this order. Only {@link #event} is required. */
    public interface Listener {
        /** A redirect was followed (also again on each reconnect). */
        default void redirected(int status, URI from, URI to) {
        }

        /** The stream is open: a 200 with an event-stream content type. */
        default void opened(int status, String contentType) {
        }

        /** One dispatched event. */
        void event(SseEvent event);

        /** Comment lines (heartbeats) arrived; {@code total} counts them over the client's life. */
        default void comments(long total) {
        }

        /**
         * The stream ended or could not be opened, and another attempt follows after {@code delayMillis}.
         *
         * @param attempt     1 for the first attempt since the stream was last open
         * @param lastEventId what the attempt sends as {@code Last-Event-ID} ("" for none)
         * @param reason      why the last connection ended, in one line
         */
        default void reconnecting(int attempt, long delayMillis, String lastEventId, String reason) {
        }

        /** The client gave up, for good; one line for a person. {@link #closed()} follows. */
        default void failed(String message) {
        }

        /** The very last call: after {@link #close()}, a failure or the end of a stream that is not reconnected. */
        default void closed() {
        }
    }

    private final URI url;
    private final List<HttpHeader> headers;
    private final String cookie;
    private final Tls tls;
    private final boolean reconnect;
    private final int maxRetries;
    private final int connectTimeoutMillis;
    private final int responseTimeoutMillis;
    private final int idleTimeoutMillis;

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Http1Connection current;
    private volatile String lastEventId;
    private volatile long reconnectionMillis;
    private volatile Thread thread;
    private SSLContext sslContext;
    private long comments;

    private SseClient(Builder b) {
        this.url = b.url;
        this.headers = List.copyOf(b.headers);
        this.cookie = b.cookie;
        this.tls = b.tls;
        this.reconnect = b.reconnect;
        this.maxRetries = b.maxRetries;
        this.connectTimeoutMillis = millis(b.connectTimeout);
        this.responseTimeoutMillis = millis(b.responseTimeout);
        this.idleTimeoutMillis = millis(b.idleTimeout);
        this.lastEventId = b.lastEventId;
        this.reconnectionMillis = b.reconnectionMillis;
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Starts the client's thread; the listener hears everything from there. Only once. */
    public SseClient start(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        Thread t = new Thread(() -> run(listener), "htmxws-sse " + url);
        t.setDaemon(true);
        thread = t;
        t.start();
        return this;
    }

    /**
     * Ends everything: the connection (also one still connecting or waiting for an answer) and any reconnect.
     * Returns at once; {@link Listener#closed()} follows on the client's thread.
     */
    @Override
    public void close() {
        closing = true;
        stop.countDown();
        Http1Connection c = current;
        if (c != null) {
            c.close();
        }
    }

    /** Waits until the client's thread has called {@link Listener#closed()}; false on timeout. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return true; // never started
        }
        if (t == Thread.currentThread()) {
            return false;
        }
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }

    /** The id a reconnect sends as {@code Last-Event-ID} ("" for none). */
    public String lastEventId() {
        return lastEventId;
    }

    /** The current reconnection time: the last {@code retry:} of the server, or the default. */
    public long reconnectionMillis() {
        return reconnectionMillis;
    }

    public URI url() {
        return url;
    }

    Thread thread() {
        return thread;
    }

    private void run(Listener listener) {
        try {
            int attempt = 0;
            while (!closing) {
                Ended ended;
                try {
                    ended = connectOnce(listener);
                } catch (Fatal f) {
                    if (!closing) {
                        listener.failed(f.getMessage());
                    }
                    return;
                }
                if (closing) {
                    return;
                }
                if (ended.wasOpen()) {
                    attempt = 0; // the stream was open: the count starts again
                }
                String reason = ended.reason();
                if (!reconnect) {
                    if (!reason.equals(SERVER_ENDED)) {
                        listener.failed(reason + " (not reconnecting)");
                    }
                    return;
                }
                attempt++;
                if (maxRetries >= 0 && attempt > maxRetries) {
                    listener.failed("gave up after " + maxRetries + " reconnect attempt" + (maxRetries == 1 ? "" : "s")
                        + ": " + reason);
                    return;
                }
                long delay = reconnectionMillis;
                listener.reconnecting(attempt, delay, lastEventId, reason);
                if (stop.await(delay, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closing) {
                listener.failed("stopped by an error: " + e); // most likely thrown by the listener
            }
        } finally {
            Http1Connection c = current;
            if (c != null) {
                c.close();
            }
            current = null;
            listener.closed();
        }
    }

    private static final String SERVER_ENDED = "the server ended the stream";

    /** How a connection ended when it may be retried: whether its stream had been open, and why, in one line. */
    private record Ended(boolean wasOpen, String reason) {
    }

    /**
     * One connection, redirects included, and its stream until it ends.
     *
     * @return how it ended, when another attempt may follow
     * @throws Fatal when the connection fails for good
     */
    private Ended connectOnce(Listener listener) throws Fatal {
        URI target = url;
        boolean sameOrigin = true;
        for (int redirects = 0;; redirects++) {
            Http1Connection conn = new Http1Connection();
            current = conn;
            if (closing) {
                conn.close();
                return new Ended(false, "closed");
            }
            String where = hostPort(target);
            Http1Connection.Response response;
            try {
                SSLContext ssl = isHttps(target) ? sslContext() : null;
                conn.connect(bareHost(target), port(target), ssl, tls.verifyHostname(), connectTimeoutMillis);
                response = conn.get(requestTarget(target), requestHeaders(target, sameOrigin), responseTimeoutMillis,
                    idleTimeoutMillis);
            } catch (IOException e) {
                conn.close();
                if (closing) {
                    return new Ended(false, "closed");
                }
                if (NetErrors.isFutile(e)) {
                    throw new Fatal(NetErrors.describe(e, where));
                }
                return new Ended(false, NetErrors.describe(e, where));
            }

            int status = response.status();
            String location = response.header("location");
            if (isRedirect(status) && location != null) {
                conn.close();
                URI next = resolve(target, location);
                if (redirects == MAX_REDIRECTS) {
                    throw new Fatal("more than " + MAX_REDIRECTS + " redirects, the last to " + next);
                }
                sameOrigin = sameOrigin && origin(next).equals(origin(url));
                if (!closing) {
                    listener.redirected(status, target, next);
                }
                target = next;
                continue;
            }
            if (status != 200) {
                conn.close();
                throw new Fatal("server answered " + response.statusLine()
                    + (status == 204 ? " (a server's way to stop an event stream)" : ""));
            }
            String contentType = response.header("content-type");
            if (contentType == null) {
                conn.close();
                throw new Fatal("the response has no content type (not text/event-stream)");
            }
            String essence = essence(contentType);
            if (!essence.equals("text/event-stream")) {
                conn.close();
                throw new Fatal("content type " + essence + " is not text/event-stream");
            }
            if (closing) {
                conn.close();
                return new Ended(false, "closed");
            }
            listener.opened(status, contentType);
            return new Ended(true, read(conn, response.body(), listener, where));
        }
    }

    /** Feeds the body to a parser for this connection until it ends; returns why it ended. */
    private String read(Http1Connection conn, InputStream body, Listener listener, String where) {
        SseParser parser = new SseParser(lastEventId);
        Utf8Decoder utf8 = new Utf8Decoder();
        long seenHere = 0;
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = body.read(buffer)) >= 0) {
                List<SseEvent> events = parser.feed(utf8.decode(buffer, 0, n));
                lastEventId = parser.committedLastEventId();
                if (parser.retryMillis() >= 0) {
                    reconnectionMillis = parser.retryMillis();
                }
                for (SseEvent e : events) {
                    if (closing) {
                        return "closed";
                    }
                    listener.event(e);
                }
                long seen = parser.comments(); // this connection's; the listener hears the total
                if (seen != seenHere) {
                    comments += seen - seenHere;
                    seenHere = seen;
                    if (!closing) {
                        listener.comments(comments);
                    }
                }
            }
            return SERVER_ENDED;
        } catch (SocketTimeoutException e) {
            return "no data from " + where + " for " + idleTimeoutMillis + " ms";
        } catch (IOException e) {
            return closing ? "closed" : NetErrors.describe(e, where);
        } finally {
            conn.close();
        }
    }

    private List<HttpHeader> requestHeaders(URI target, boolean sameOrigin) {
        List<HttpHeader> list = new ArrayList<>();
        list.add(new HttpHeader("Host", hostHeader(target)));
        list.add(new HttpHeader("Accept", "text/event-stream"));
        list.add(new HttpHeader("Cache-Control", "no-cache"));
        list.add(new HttpHeader("User-Agent", "htmxws/" + version()));
        String id = lastEventId;
        if (!id.isEmpty()) {
            list.add(new HttpHeader("Last-Event-ID", id));
        }
        if (cookie != null && sameOrigin) {
            list.add(new HttpHeader("Cookie", cookie));
        }
        for (HttpHeader h : headers) {
            if (!sameOrigin && (h.is("Authorization") || h.is("Cookie"))) {
                continue; // credentials stay with the origin they were given for
            }
            list.removeIf(existing -> existing.is(h.name()) && !existing.is("Cookie"));
            list.add(h);
        }
        return list;
    }

    private synchronized SSLContext sslContext() throws Fatal {
        if (sslContext == null) {
            try {
                sslContext = tls.context();
            } catch (IOException e) {
                throw new Fatal(NetErrors.oneLine(e.getMessage()));
            }
        }
        return sslContext;
    }

    private URI resolve(URI base, String location) throws Fatal {
        URI next;
        try {
            next = base.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Fatal("redirect to a bad location: " + NetErrors.oneLine(location));
        }
        if (!isHttp(next) || next.getHost() == null) {
            throw new Fatal("redirect to " + next + ", which is not an http(s) URL");
        }
        return next;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The MIME type without parameters, lower case: {@code text/event-stream; charset=utf-8} → {@code text/event-stream}. */
    static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static boolean isHttp(URI u) {
        String scheme = u.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
    }

    private static boolean isHttps(URI u) {
        return "https".equalsIgnoreCase(u.getScheme());
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : isHttps(u) ? 443 : 80;
    }

    private static String bareHost(URI u) {
        String h = u.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static String hostHeader(URI u) {
        return u.getPort() < 0 || u.getPort() == (isHttps(u) ? 443 : 80) ? u.getHost()
            : u.getHost() + ":" + u.getPort();
    }

    private static String hostPort(URI u) {
        return u.getHost() + ":" + port(u);
    }

    private static String origin(URI u) {
        return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port(u);
    }

    private static String requestTarget(URI u) {
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    }

    private static String version() {
        String v = SseClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static int millis(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            return 0;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /** A failure the client does not retry. */
    private static final class Fatal extends Exception {
        private static final long serialVersionUID = 1L;

        Fatal(String message) {
            super(message, null, false, false);
        }
    }

    /** Settings of one client; every one has a default. */
    public static final class Builder {
        private final URI url;
        private final List<HttpHeader> headers = new ArrayList<>();
        private String cookie;
        private Tls tls = Tls.DEFAULT;
        private boolean reconnect = true;
        private int maxRetries = -1;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ZERO;
        private Duration idleTimeout = Duration.ZERO;
        private String lastEventId = "";
        private long reconnectionMillis = DEFAULT_RECONNECTION_MILLIS;

        private Builder(URI url) {
            Objects.requireNonNull(url, "url");
            if (!isHttp(url) || url.getHost() == null) {
                throw new IllegalArgumentException(
                    "an event stream URL is http:// or https:// with a host, not " + url);
            }
            this.url = url;
        }

        /**
         * Adds request headers (they replace the client's own Accept, Cache-Control, User-Agent of the same
         * name). A {@code Last-Event-ID} header sets the id of the first request instead, so that reconnects
         * still send the newest one.
         */
        public Builder headers(List<HttpHeader> more) {
            for (HttpHeader h : more) {
                if (h.is("Last-Event-ID")) {
                    lastEventId(h.value());
                } else if (h.is("Host")) {
                    throw new IllegalArgumentException("the Host header comes from the URL");
                } else {
                    headers.add(h);
                }
            }
            return this;
        }

        public Builder header(String name, String value) {
            return headers(List.of(new HttpHeader(name, value)));
        }

        /** A {@code Cookie} header value, sent to the URL's origin only (not after a redirect elsewhere). */
        public Builder cookie(String value) {
            this.cookie = value == null ? null : new HttpHeader("Cookie", value).value();
            return this;
        }

        public Builder tls(Tls value) {
            this.tls = Objects.requireNonNull(value, "tls");
            return this;
        }

        /** false: the first end of the stream ends the client ({@code --no-reconnect}). */
        public Builder reconnect(boolean value) {
            this.reconnect = value;
            return this;
        }

        /** Reconnect attempts in a row that do not open the stream again, before giving up; -1: no limit. */
        public Builder maxRetries(int value) {
            if (value < -1) {
                throw new IllegalArgumentException("maxRetries is -1 (no limit) or more, not " + value);
            }
            this.maxRetries = value;
            return this;
        }

        /** Limit for the TCP connect (per address) and the TLS handshake; zero: none. Default 10 s. */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** Limit for the response head once connected; zero (the default, as a browser): none. */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** How long an open stream may stay silent before it counts as broken; zero (the default): forever. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = Objects.requireNonNull(value);
            return this;
        }

        /** The id the first request sends as {@code Last-Event-ID} ("" for none). */
        public Builder lastEventId(String value) {
            String v = value == null ? "" : value;
            if (!v.isEmpty()) {
                v = new HttpHeader("Last-Event-ID", v).value();
            }
            this.lastEventId = v;
            return this;
        }

        /** The reconnection time until the server sends {@code retry:}; default 3000 ms. */
        public Builder reconnectionTime(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("negative reconnection time");
            }
            this.reconnectionMillis = value.toMillis();
            return this;
        }

        public SseClient build() {
            return new SseClient(this);
        }

        /** {@code build().start(listener)}. */
        public SseClient start(Listener listener) {
            return build().start(listener);
        }
    }
}
