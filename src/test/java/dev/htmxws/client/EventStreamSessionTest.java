package dev.htmxws.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.htmxws.net.CookieJar;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.PageEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event stream read by a live session as a browser's EventSource reads it (the page's model, over real HTTP on
 * 127.0.0.1): events with names, ids and multi-line data, UTF-8 split across reads, reconnects with Last-Event-ID
 * after the server's retry:, answers that are not a 200 event stream, redirects, refused connections, a close while
 * the server is silent, and bodies framed every way HTTP/1.1 allows.
 */
class EventStreamSessionTest {

    /** Bounds every wait on the work: a session that got stuck fails here, a slow machine only takes longer. */
    private static final long WAIT_MS = 30_000;

    private HttpServer server;
    private ExecutorService pool;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<LiveSession> sessions = new ArrayList<>();

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
    void stopServer() {
        sessions.forEach(LiveSession::close);
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A session on a stand-in page for one stream, and what it reported, one line each. */
    private final class Run {
        final LiveSession session;
        final List<String> log = new ArrayList<>();

        Run(String streamUrl, int maxRetries) {
            PageSource page = PageSource.standInStream(streamUrl);
            session = new LiveSession(page.detection().dialect(), page.dom(), WsOptions.defaults(), maxRetries,
                LiveSession.Messages.TEXT, e -> log.add(line(e)));
            session.cookies(new CookieJar());
            sessions.add(session);
            session.start();
        }

        /** Runs the session until a line matches; returns the log. */
        List<String> until(Predicate<String> line) throws InterruptedException {
            boolean met = session.runUntil(() -> log.stream().anyMatch(line), WAIT_MS);
            assertThat(met).as("the session reported it; it reported:\n" + String.join("\n", log)).isTrue();
            return log;
        }
    }

    private static String line(LiveEvent e) {
        if (e instanceof LiveEvent.Page p) {
            PageEvent x = p.event();
            if (x instanceof PageEvent.StreamOpened) {
                return "opened";
            }
            if (x instanceof PageEvent.EventReceived r) {
                return "event " + r.type() + " id=" + r.id() + " " + r.data();
            }
            if (x instanceof PageEvent.StreamClosed c) {
                return "ended " + c.why() + (c.reconnecting() ? " reconnecting " + c.delayMs() : " for good");
            }
            return x.getClass().getSimpleName();
        }
        return e.toString();
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

    private void holdOpen() {
        try {
            release.await(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void namedEventsWithIdsAndMultiLineDataArriveInOrderAndTheRequestIsAnEventSources() throws Exception {
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        server.createContext("/events", ex -> {
            requests.add(ex.getRequestMethod() + " accept=" + ex.getRequestHeaders().getFirst("Accept")
                + " hx=" + ex.getRequestHeaders().keySet().stream().anyMatch(k -> k.toLowerCase().startsWith("hx-")));
            streamHeaders(ex, "text/event-stream; charset=utf-8");
            write(ex, (": welcome\n\nevent: chat\nid: 1\ndata: first line\ndata: second line\n\n"
                + "data: plain\r\n\r\n: heartbeat\nid\ndata:\n\nevent: empty\n\n").getBytes(UTF_8));
            holdOpen();
            ex.close();
        });
        Run r = new Run(url("/events"), -1);
        List<String> log = r.until(l -> l.startsWith("event message id= "));
        assertThat(log).containsSubsequence("opened", "event chat id=1 first line\nsecond line",
            "event message id=1 plain",
            "event message id= ");
        assertThat(log).noneMatch(l -> l.startsWith("event empty"));
        assertThat(requests).containsExactly("GET accept=text/event-stream hx=false");
    }

    @Test
    void aMultiByteCharacterSplitAcrossReadsDecodesWhole() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        server.createContext("/utf8", ex -> {
            streamHeaders(ex, "text/event-stream");
            write(ex, new byte[] {'d', 'a', 't', 'a', ':', ' ', 'c', 'a', 'f', (byte) 0xC3});
            try {
                first.await(WAIT_MS, TimeUnit.MILLISECONDS);
                Thread.sleep(20); // the first piece is read on its own
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            write(ex, new byte[] {(byte) 0xA9, '\n', '\n', 'd', 'a', 't', 'a', ':', ' ', (byte) 0xF0, (byte) 0x9F});
            write(ex, new byte[] {(byte) 0x8E, (byte) 0x89, '\n', '\n'});
            holdOpen();
            ex.close();
        });
        Run r = new Run(url("/utf8"), -1);
        r.until(l -> l.equals("opened"));
        first.countDown();
        List<String> log = r.until(l -> l.startsWith("event message id= \uD83C"));
        assertThat(log).contains("event message id= café", "event message id= \uD83C\uDF89");
    }

    @Test
    void theServerEndingTheStreamBringsAReconnectAfterItsRetryWithTheLastCompleteId() throws Exception {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<String> lastIds = new LinkedBlockingQueue<>();
        server.createContext("/stream", ex -> {
            int n = count.incrementAndGet();
            lastIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Last-Event-ID")));
            streamHeaders(ex, "text/event-stream");
            if (n == 1) {
                // the last event is cut off by the end of the stream: its id is not sent back
                write(ex, "retry: 50\nid: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 99\ndata: cut off".getBytes(UTF_8));
                ex.close();
            } else {
                write(ex, "data: three\n\n".getBytes(UTF_8));
                holdOpen();
                ex.close();
            }
        });
        Run r = new Run(url("/stream"), -1);
        List<String> log = r.until(l -> l.startsWith("event message id=2 three"));
        assertThat(log).containsSubsequence("opened", "event message id=1 one", "event message id=2 two",
            "ended the server ended the stream reconnecting 50", "opened", "event message id=2 three");
        assertThat(lastIds).containsExactly("null", "2");
    }

    @Test
    void anAnswerThatIsNotA200EventStreamFailsTheEventSourceAndHtmx2MakesANewOne() throws Exception {
        AtomicInteger count = new AtomicInteger();
        server.createContext("/flaky", ex -> {
            int n = count.incrementAndGet();
            if (n == 1) {
                ex.sendResponseHeaders(503, -1);
            } else if (n == 2) {
                streamHeaders(ex, "text/html");
                write(ex, "<p>not a stream</p>".getBytes(UTF_8));
            } else {
                streamHeaders(ex, "text/event-stream");
                write(ex, "data: at last\n\n".getBytes(UTF_8));
                holdOpen();
            }
            ex.close();
        });
        Run r = new Run(url("/flaky"), -1);
        List<String> log = r.until(l -> l.equals("event message id= at last"));
        // htmx 2's sse extension: 500 ms, then 1000 ms, before each new EventSource
        assertThat(log).containsSubsequence("ended HTTP 503 reconnecting 500",
            "ended Content-Type text/html, not text/event-stream reconnecting 1000", "opened");
        assertThat(count).hasValue(3);
    }

    @Test
    void redirectsAreFollowedAndTheEventsComeFromWhereTheyEnd() throws Exception {
        int port = server.getAddress().getPort();
        server.createContext("/start", ex -> {
            ex.getResponseHeaders().set("Location", "/moved");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().set("Location", "http://localhost:" + port + "/events");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        server.createContext("/events", ex -> {
            streamHeaders(ex, "text/event-stream");
            write(ex, "data: hello\n\n".getBytes(UTF_8));
            holdOpen();
            ex.close();
        });
        Run r = new Run(url("/start"), -1);
        assertThat(r.until(l -> l.startsWith("event"))).containsSubsequence("opened", "event message id= hello");
    }

    @Test
    void aRefusedConnectionEndsTheRunWhenNoRetryIsLeft() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nothing listens there once it is closed
        }
        Run r = new Run("http://127.0.0.1:" + port + "/", 0);
        List<String> log = r.until(l -> l.startsWith("GaveUp"));
        assertThat(log).anyMatch(l -> l.contains("cannot connect to 127.0.0.1:" + port));
    }

    @Test
    void closingWhileAServerSaysNothingEndsAtOnce() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            CountDownLatch asked = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    if (s.getInputStream().read() >= 0) {
                        asked.countDown();
                    }
                    holdOpen();
                } catch (IOException ignored) {
                    // the test is over
                }
            }, "silent-server");
            t.setDaemon(true);
            t.start();
            Run r = new Run("http://127.0.0.1:" + silent.getLocalPort() + "/", -1);
            r.session.runUntil(() -> asked.getCount() == 0, WAIT_MS);
            assertThat(asked.getCount()).as("the request was sent").isZero();
            assertThat(r.session.httpInFlight()).isEqualTo(1);
            r.session.close();
            assertThat(r.session.httpInFlight()).isZero();
        }
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
        Run fixed = new Run(url("/fixed"), 0);
        assertThat(fixed.until(l -> l.startsWith("ended"))).containsSubsequence("opened", "event message id= fixed",
            "ended the server ended the stream reconnecting 3000");

        try (ServerSocket old = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = old.accept()) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[4096]); // the request head
                    s.getOutputStream().write(
                        "HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: until close\n\n"
                            .getBytes(UTF_8));
                } catch (IOException ignored) {
                    // the test fails on its own
                }
            }, "http10-server");
            t.setDaemon(true);
            t.start();
            Run r = new Run("http://127.0.0.1:" + old.getLocalPort() + "/", 0);
            assertThat(r.until(l -> l.startsWith("ended"))).containsSubsequence("opened",
                "event message id= until close",
                "ended the server ended the stream reconnecting 3000");
        }
    }
}
