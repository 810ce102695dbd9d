package dev.htmxws.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.htmxws.sse.SseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against the JDK's HTTP server on 127.0.0.1 (and raw sockets for servers that never answer). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseClientTest {

    private HttpServer server;
    private ExecutorService pool;
    /** Streaming handlers wait on this until the test ends (with a timeout). */
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<SseClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        clients.forEach(SseClient::close);
        release.countDown();
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.stop(0);
        pool.shutdownNow();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private SseClient start(SseClient.Builder builder, Recorder recorder) {
        SseClient client = builder.start(recorder);
        clients.add(client);
        return client;
    }

    private static void streamHeaders(HttpExchange ex, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(200, 0); // chunked
    }

    private static void write(HttpExchange ex, byte[] bytes) throws IOException {
        OutputStream out = ex.getResponseBody();
        out.write(bytes);
        out.flush();
    }

    private static void write(HttpExchange ex, String text) throws IOException {
        write(ex, text.getBytes(UTF_8));
    }

    private void holdOpen() {
        try {
            release.await(Recorder.WAIT_SECONDS * 3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves {@code text} as one event stream, then closes it. */
    private static HttpHandler streamThenEnd(String text) {
        return ex -> {
            streamHeaders(ex, "text/event-stream");
            write(ex, text);
            ex.close();
        };
    }

    @Test
    void deliversNamedEventsWithIdsAndMultiLineDataInOrderAndCountsComments() throws Exception {
        BlockingQueue<Headers> requests = new LinkedBlockingQueue<>();
        server.createContext("/events", ex -> {
            requests.add(ex.getRequestHeaders());
            streamHeaders(ex, "text/event-stream; charset=utf-8");
            write(ex, ": welcome\n\n"
                + "event: chat\nid: 1\ndata: first line\ndata: second line\n\n"
                + "data: plain\r\n\r\n"
                + ": heartbeat\n"
                + "id: 2\nevent: ping\n\n" // no data: not dispatched, but its id counts
                + "data:  after\n\n");
            holdOpen();
            ex.close();
        });
        Recorder r = new Recorder();
        SseClient client = start(SseClient.builder(url("/events")).header("X-Trace", "abc").cookie("session=s1"), r);

        r.awaitStarting("event message id=2");
        awaitCommentTotal(r, 2);
        assertThat(r.withoutComments()).containsExactly(
            "opened 200 text/event-stream; charset=utf-8",
            "event chat id=1 first line\nsecond line",
            "event message id=1 plain",
            "event message id=2  after");
        assertThat(client.lastEventId()).isEqualTo("2");

        Headers h = requests.poll(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(h).isNotNull();
        assertThat(h.getFirst("Accept")).isEqualTo("text/event-stream");
        assertThat(h.getFirst("Cache-Control")).isEqualTo("no-cache");
        assertThat(h.getFirst("X-Trace")).isEqualTo("abc");
        assertThat(h.getFirst("Cookie")).isEqualTo("session=s1");
        assertThat(h.containsKey("Last-Event-ID")).isFalse();

        client.close();
        assertThat(client.awaitClosed(Duration.ofSeconds(Recorder.WAIT_SECONDS))).isTrue();
        assertThat(r.awaitClosed()).last().isEqualTo("closed");
        assertThat(r.log).noneMatch(l -> l.startsWith("failed") || l.startsWith("reconnecting"));
        assertThat(r.threads).allMatch(t -> t == client.thread());
    }

    @Test
    void aMultiByteCharacterSplitAcrossReadsDecodesWhole() throws Exception {
        Recorder r = new Recorder();
        server.createContext("/utf8", ex -> {
            streamHeaders(ex, "text/event-stream");
            try {
                // each piece ends inside a character; the comment before it tells when the client has read it
                write(ex, new byte[] {':', 'a', '\n', 'd', 'a', 't', 'a', ':', ' ', 'c', 'a', 'f', (byte) 0xC3});
                awaitCommentTotal(r, 1);
                write(ex, concat(new byte[] {(byte) 0xA9, '\n', '\n'}, ": b\ndata: party ".getBytes(UTF_8),
                    new byte[] {(byte) 0xF0, (byte) 0x9F}));
                awaitCommentTotal(r, 2);
                write(ex, new byte[] {(byte) 0x8E, (byte) 0x89, '\n', '\n'});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            holdOpen();
            ex.close();
        });
        start(SseClient.builder(url("/utf8")), r);

        r.awaitStarting("event message id= party");
        assertThat(r.events).extracting(SseEvent::data).containsExactly("café", "party \uD83C\uDF89");
        assertThat(r.log).filteredOn(l -> l.startsWith("comments")).containsExactly("comments 1", "comments 2");
    }

    private static void awaitCommentTotal(Recorder r, long total) throws InterruptedException {
        Long seen;
        do {
            seen = r.commentTotals.poll(Recorder.WAIT_SECONDS, TimeUnit.SECONDS);
        } while (seen != null && seen < total);
        assertThat(seen).as("comment count the client reported").isEqualTo(total);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void reconnectsWithLastEventIdAfterTheServerEndsTheStreamHonouringRetryUntilMaxRetries() throws Exception {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<String> lastEventIds = new LinkedBlockingQueue<>();
        AtomicLong endedAt = new AtomicLong();
        AtomicLong secondAt = new AtomicLong();
        server.createContext("/stream", ex -> {
            int n = count.incrementAndGet();
            lastEventIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Last-Event-ID")));
            if (n == 1) {
                streamHeaders(ex, "text/event-stream");
                // the last event is cut off by the end of the stream: its id must not be sent back
                write(ex, "retry: 50\nid: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 99\ndata: cut off");
                endedAt.set(System.nanoTime());
                ex.close();
            } else if (n == 2) {
                secondAt.set(System.nanoTime());
                streamHeaders(ex, "text/event-stream");
                write(ex, "data: three\n\n");
                ex.close();
            } else {
                throw new IllegalStateException("the JDK server closes the connection without answering");
            }
        });
        Recorder r = new Recorder();
        SseClient client = start(SseClient.builder(url("/stream")).maxRetries(2), r);

        List<String> log = r.awaitClosed();
        String port = String.valueOf(server.getAddress().getPort());
        assertThat(log).hasSize(10);
        assertThat(log.subList(0, 7)).containsExactly(
            "opened 200 text/event-stream",
            "event message id=1 one",
            "event message id=2 two",
            "reconnecting 1 after 50 ms id=2: the server ended the stream",
            "opened 200 text/event-stream",
            "event message id=2 three", // the id carries over to the next connection
            "reconnecting 1 after 50 ms id=2: the server ended the stream");
        assertThat(log.get(7))
            .startsWith("reconnecting 2 after 50 ms id=2: 127.0.0.1:" + port + " closed the connection");
        assertThat(log.get(8)).startsWith("failed gave up after 2 reconnect attempts: 127.0.0.1:" + port + " closed");
        assertThat(log.get(9)).isEqualTo("closed");

        assertThat(count).hasValue(4); // the first request and three reconnects, of which the last two failed
        assertThat(new ArrayList<>(lastEventIds)).containsExactly("null", "2", "2", "2");
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(secondAt.get() - endedAt.get());
        assertThat(gapMillis).as("the server's retry: 50, not the default 3000").isBetween(50L, 2500L);
        assertThat(client.reconnectionMillis()).isEqualTo(50);
        assertThat(client.awaitClosed(Duration.ofSeconds(Recorder.WAIT_SECONDS))).isTrue();
    }

    @Test
    void withoutReconnectTheEndOfTheStreamEndsTheClientQuietly() throws Exception {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<String> lastEventIds = new LinkedBlockingQueue<>();
        server.createContext("/once", ex -> {
            count.incrementAndGet();
            lastEventIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Last-Event-ID")));
            streamHeaders(ex, "text/event-stream");
            write(ex, "id: 8\ndata: only\n\n");
            ex.close();
        });
        Recorder r = new Recorder();
        start(SseClient.builder(url("/once")).reconnect(false).header("Last-Event-ID", "7"), r);

        assertThat(r.awaitClosed()).containsExactly("opened 200 text/event-stream", "event message id=8 only",
            "closed");
        assertThat(count).hasValue(1);
        assertThat(lastEventIds).containsExactly("7");
    }

    @Test
    void notFoundFailsOnceWithoutReconnecting() throws Exception {
        AtomicInteger count = new AtomicInteger();
        server.createContext("/missing", ex -> {
            count.incrementAndGet();
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        Recorder r = new Recorder();
        start(SseClient.builder(url("/missing")).reconnectionTime(Duration.ofMillis(10)), r);

        assertThat(r.awaitClosed()).containsExactly("failed server answered HTTP 404 Not Found", "closed");
        assertThat(count).hasValue(1);
    }

    @Test
    void aWrongContentTypeOrA204FailsOnceWithoutReconnecting() throws Exception {
        AtomicInteger count = new AtomicInteger();
        server.createContext("/page", ex -> {
            count.incrementAndGet();
            streamHeaders(ex, "text/html; charset=utf-8");
            write(ex, "<p>not a stream</p>\n\n");
            ex.close();
        });
        server.createContext("/stop", ex -> {
            count.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        Recorder page = new Recorder();
        start(SseClient.builder(url("/page")).reconnectionTime(Duration.ofMillis(10)), page);
        assertThat(page.awaitClosed()).containsExactly("failed content type text/html is not text/event-stream",
            "closed");

        Recorder stop = new Recorder();
        start(SseClient.builder(url("/stop")).reconnectionTime(Duration.ofMillis(10)), stop);
        assertThat(stop.awaitClosed()).containsExactly(
            "failed server answered HTTP 204 No Content (a server's way to stop an event stream)", "closed");
        assertThat(count).hasValue(2);
    }

    @Test
    void followsRedirectsSaysSoDropsCredentialsOnAnotherOriginAndReconnectsToTheFirstUrl() throws Exception {
        int port = server.getAddress().getPort();
        AtomicInteger starts = new AtomicInteger();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        server.createContext("/start", ex -> {
            starts.incrementAndGet();
            seen.add("start " + ex.getRequestHeaders().getFirst("Cookie") + " "
                + ex.getRequestHeaders().getFirst("Authorization"));
            ex.getResponseHeaders().set("Location", "/moved");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            seen.add("moved " + ex.getRequestHeaders().getFirst("Cookie") + " "
                + ex.getRequestHeaders().getFirst("Authorization"));
            // localhost is another origin than 127.0.0.1, though the same server
            ex.getResponseHeaders().set("Location", "http://localhost:" + port + "/events");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/events", ex -> {
            seen.add("events " + ex.getRequestHeaders().getFirst("Cookie") + " "
                + ex.getRequestHeaders().getFirst("Authorization"));
            streamHeaders(ex, "text/event-stream");
            write(ex, "retry: 20\ndata: hello\n\n");
            ex.close();
        });
        Recorder r = new Recorder();
        SseClient client = start(SseClient.builder(url("/start")).cookie("a=1").header("Authorization", "Bearer t"), r);

        r.awaitStarting("reconnecting 1");
        r.awaitStarting("event message id= hello"); // the second connection, through /start again
        client.close();
        List<String> log = r.awaitClosed();
        assertThat(log.subList(0, 5)).containsExactly(
            "redirected 301 http://127.0.0.1:" + port + "/moved",
            "redirected 302 http://localhost:" + port + "/events",
            "opened 200 text/event-stream",
            "event message id= hello",
            "reconnecting 1 after 20 ms id=: the server ended the stream");
        assertThat(log.subList(5, 9)).containsExactly(log.subList(0, 4).toArray(new String[0]));
        assertThat(starts).hasValue(2);
        assertThat(new ArrayList<>(seen).subList(0, 3)).containsExactly(
            "start a=1 Bearer t", "moved a=1 Bearer t", "events null null");
    }

    @Test
    void aRefusedConnectionIsRetriedUpToMaxRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nothing listens there once it is closed
        }
        Recorder r = new Recorder();
        start(SseClient.builder(URI.create("http://127.0.0.1:" + port + "/"))
            .reconnectionTime(Duration.ofMillis(10)).maxRetries(1), r);

        List<String> log = r.awaitClosed();
        assertThat(log).hasSize(3);
        assertThat(log.get(0)).isEqualTo("reconnecting 1 after 10 ms id=: cannot connect to 127.0.0.1:" + port
            + ": connection refused");
        assertThat(log.get(1)).isEqualTo("failed gave up after 1 reconnect attempt: cannot connect to 127.0.0.1:"
            + port + ": connection refused");
    }

    @Test
    void closeWhileConnectedEndsAtOnceAndTheThreadIsADaemon() throws Exception {
        server.createContext("/idle", ex -> {
            streamHeaders(ex, "text/event-stream");
            write(ex, "data: hi\n\n");
            holdOpen(); // then silence
            ex.close();
        });
        Recorder r = new Recorder();
        SseClient client = start(SseClient.builder(url("/idle")), r);
        r.awaitStarting("event message id= hi");
        assertThat(client.thread().isDaemon()).isTrue();

        long t0 = System.nanoTime();
        client.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
        assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5000);
        assertThat(r.awaitClosed()).containsExactly("opened 200 text/event-stream", "event message id= hi", "closed");
    }

    @Test
    void closeWhileAServerThatAcceptsSaysNothingEndsAtOnce_httpAndTlsHandshake() throws Exception {
        for (String scheme : List.of("http", "https")) {
            SilentServer silent = new SilentServer();
            closeables.add(silent);
            Recorder r = new Recorder();
            SseClient client = start(SseClient.builder(URI.create(scheme + "://127.0.0.1:" + silent.port() + "/"))
                .tls(new Tls(true, null)), r);
            silent.awaitBytesFromClient(); // the request, or the TLS ClientHello, has been sent

            long t0 = System.nanoTime();
            client.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
            assertThat(client.awaitClosed(Duration.ofSeconds(5))).as(scheme).isTrue();
            assertThat(r.awaitClosed()).as(scheme).containsExactly("closed");
        }
    }

    @Test
    void aResponseTimeoutEndsTheWaitForAServerThatSaysNothing() throws Exception {
        SilentServer silent = new SilentServer();
        closeables.add(silent);
        Recorder r = new Recorder();
        start(SseClient.builder(URI.create("http://127.0.0.1:" + silent.port() + "/"))
            .reconnect(false).responseTimeout(Duration.ofMillis(200)), r);
        assertThat(r.awaitClosed()).containsExactly(
            "failed 127.0.0.1:" + silent.port() + ": no response within 200 ms (not reconnecting)", "closed");
    }

    @Test
    void aBodyWithContentLengthOrOneThatEndsWithTheConnectionIsReadToItsEnd() throws Exception {
        byte[] body = "data: fixed\n\n".getBytes(UTF_8);
        server.createContext("/fixed", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, body.length);
            write(ex, body);
            ex.close();
        });
        Recorder fixed = new Recorder();
        start(SseClient.builder(url("/fixed")).reconnect(false), fixed);
        assertThat(fixed.awaitClosed()).containsExactly("opened 200 text/event-stream", "event message id= fixed",
            "closed");

        try (ServerSocket old = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = old.accept()) {
                    InputStream in = s.getInputStream();
                    while (!Http1Connection.readLine(in).isEmpty()) {
                        // the request head
                    }
                    s.getOutputStream().write(
                        "HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: until close\n\n"
                            .getBytes(UTF_8));
                } catch (IOException ignored) {
                    // the test fails on its own
                }
            }, "http10-server");
            t.setDaemon(true);
            t.start();
            Recorder r = new Recorder();
            start(SseClient.builder(URI.create("http://127.0.0.1:" + old.getLocalPort() + "/")).reconnect(false), r);
            assertThat(r.awaitClosed()).containsExactly("opened 200 text/event-stream", "event message id= until close",
                "closed");
        }
    }

    @Test
    void anIdleTimeoutEndsAStreamThatFellSilent() throws Exception {
        server.createContext("/quiet", ex -> {
            streamHeaders(ex, "text/event-stream");
            write(ex, "data: then nothing\n\n");
            holdOpen();
            ex.close();
        });
        Recorder r = new Recorder();
        start(SseClient.builder(url("/quiet")).reconnect(false).idleTimeout(Duration.ofMillis(200)), r);
        assertThat(r.awaitClosed()).containsExactly("opened 200 text/event-stream", "event message id= then nothing",
            "failed no data from 127.0.0.1:" + server.getAddress().getPort() + " for 200 ms (not reconnecting)",
            "closed");
    }

    /** Accepts connections and never answers. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();
        private final CountDownLatch bytes = new CountDownLatch(1);

        SilentServer() throws IOException {
            Thread t = new Thread(this::serve, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        void awaitBytesFromClient() throws InterruptedException {
            assertThat(bytes.await(Recorder.WAIT_SECONDS, TimeUnit.SECONDS)).as("the client sent something").isTrue();
        }

        private void serve() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                    InputStream in = s.getInputStream();
                    if (in.read() >= 0) {
                        bytes.countDown();
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
