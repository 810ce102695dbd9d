package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.htmxws.net.RawTcpServer;
import dev.htmxws.net.TestWsServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code htmxws send} end to end against real servers on loopback. */
class SendCommandTest {

    private TestWsServer ws;
    private HttpServer http;

    @AfterEach
    void stop() throws InterruptedException {
        if (ws != null) {
            ws.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    private static final String HDR = ",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":null,\"HX-Trigger-Name\":null,"
        + "\"HX-Target\":null,\"HX-Current-URL\":\"http://127.0.0.1:";

    @Test
    void aGreetingOnConnectIsNoReplyToWhatIsSent() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.send("welcome"); // written before the server reads anything: before any pong
        CliResult r = CliResult.run("send", "--raw", "x", "--expect", "1", "--timeout", "700ms", "--format", "raw",
            ws.url("/"));
        assertThat(r.code()).as("the server greets but never answers: --expect 1 is not met").isEqualTo(
            ExitCode.FAILED);
        assertThat(r.err()).contains("htmxws send: error: expected 1 reply within 700 ms; got 0 replies (and 1"
            + " message before sending), the last:").contains("  welcome");
        ws.onFrame = (c, t) -> c.send("re: " + t);
        CliResult answered = CliResult.run("send", "--raw", "y", "--expect", "1", "--format", "raw", ws.url("/"));
        assertThat(answered.code()).as(answered.toString()).isZero();
        assertThat(answered.out()).as("the greeting, then the reply --expect waited for").isEqualTo(
            "welcome\nre: y\n");
    }

    @Test
    void binaryFramesGoInOrderAndPingsAndPongsCanBeShown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = org.java_websocket.WebSocket::sendPing;
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("frame.bin"), new byte[] {0, 1, 2, (byte) 255});
        CliResult r = CliResult.run("send", "--raw", "before", "--binary", file.toString(), "--raw", "after",
            "--show-ping-pong", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(java.util.stream.Stream.of(ws.nextFrame(10), ws.nextFrame(10), ws.nextFrame(10))
            .map(TestWsServer.Frame::text)).containsExactly("before", "[binary 4 bytes]", "after");
        assertThat(r.err()).as("the server's ping, and the pong to htmxws's own confirming ping")
            .contains("< ping (0 bytes)").contains("< pong (8 bytes)");
    }

    @Test
    void rawAndJsonFramesGoInTheOrderTheyWereGiven() throws Exception {
        ws = TestWsServer.launch();
        CliResult r = CliResult.run("send", "--raw", "1", "--json", "{\"n\":2}", "--raw", "3", "--json=[4]",
            ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(java.util.stream.Stream.generate(() -> {
            try {
                return ws.nextFrame(10).text();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).limit(4).toList()).containsExactly("1", "{\"n\":2}", "3", "[4]");
        CliResult dry = CliResult.run("send", "--dry-run", "--json", "{}", "--raw", "a");
        assertThat(dry.code()).as("a dry run needs no URL: it connects to nothing").isZero();
        assertThat(dry.out()).isEqualTo("{}\na\n");
        CliResult form = CliResult.run("send", "--dry-run", "--form", "q=x");
        assertThat(form.out()).isEqualTo("{\"q\":\"x\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":null,"
            + "\"HX-Trigger-Name\":null,\"HX-Target\":null,\"HX-Current-URL\":\"http://localhost/\"}}\n");
    }

    @Test
    void sendsTheFrameHtmxWouldAndWaitsForTheExpectedReply() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>Bob: Hi Alice!</p></div>");
        CliResult r = CliResult.run("send", "--form", "chat_message=hi", "--expect", "1", "--format", "text",
            ws.url("/chat"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ws.nextFrame(5).text()).isEqualTo("{\"chat_message\":\"hi\"" + HDR + ws.getPort() + "/\"}}");
        assertThat(r.out()).isEqualTo("#chat_room beforeend  Bob: Hi Alice!\n");
    }

    /** htmx 1 has no send queue: the form is submitted once the page's socket is open, as a person would. */
    @Test
    void htmx1SubmitsOnceTheSocketIsOpen() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("<div id=\"log\" hx-swap-oob=\"beforeend\">got it</div>");
        for (int i = 0; i < 5; i++) {
            CliResult r = CliResult.run("send", "--htmx", "1", "--form", "message=hello", "--expect", "1", "--format",
                "raw", ws.url("/echo"));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(ws.nextFrame(5).text()).startsWith("{\"message\":\"hello\",\"HEADERS\":{");
            // a send that went out is followed by htmx 1's preventDefault(): no native submission
            assertThat(r.err()).as(r.toString()).doesNotContain("navigate away");
        }
    }

    @Test
    void rawOutputIsExactlyTheFramesAndNdjsonHasTheSwaps() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> {
            c.send("<p id=\"a\">one</p>");
            c.send("<p id=\"b\" hx-swap-oob=\"innerHTML\">two</p>");
        };
        CliResult raw = CliResult.run("send", "--raw", "ping", "--expect", "2", "--format", "raw", ws.url("/"));
        assertThat(raw.code()).as(raw.toString()).isZero();
        assertThat(raw.out()).isEqualTo("<p id=\"a\">one</p>\n<p id=\"b\" hx-swap-oob=\"innerHTML\">two</p>\n");
        CliResult nd = CliResult.run("send", "--raw", "ping", "--expect", "2", "--format", "ndjson", ws.url("/"));
        assertThat(nd.out().lines().filter(l -> l.contains("\"event\":\"received\""))).as(nd.toString()).hasSize(2);
        assertThat(nd.out()).contains("\"raw\":\"<p id=\\\"b\\\" hx-swap-oob=\\\"innerHTML\\\">two</p>\"")
            .contains("\"style\":\"innerHTML\"").contains("\"conn\":1");
    }

    @Test
    void untilTextAndQuietFor() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> {
            c.send("working");
            c.send("<div id=\"status\">done</div>");
        };
        CliResult r = CliResult.run("send", "--raw", "go", "--until", "done", "--format", "raw", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("done");
        CliResult q = CliResult.run("send", "--raw", "go", "--quiet-for", "200ms", "--format", "raw", ws.url("/"));
        assertThat(q.code()).as(q.toString()).isZero();
        assertThat(q.out().lines()).hasSize(2);
    }

    @Test
    void anUnmetExpectationExitsOneAndSaysWhatArrived() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("only one");
        CliResult r = CliResult.run("send", "--raw", "x", "--expect", "2", "--timeout", "700ms", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).contains("htmxws send: error: expected 2 replies within 700 ms; got 1 reply, the last:")
            .contains("  only one");
    }

    @Test
    void connectionFailuresExitThree() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliResult refused = CliResult.run("send", "--raw", "x", "ws://127.0.0.1:" + port + "/");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.IO);
        assertThat(refused.err()).contains("cannot connect to 127.0.0.1:" + port);
        try (RawTcpServer forbidden = RawTcpServer.refusing("403 Forbidden")) {
            CliResult r = CliResult.run("send", "--raw", "x", "ws://127.0.0.1:" + forbidden.port() + "/ws");
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
            assertThat(r.err()).contains("server refused the upgrade: HTTP 403 Forbidden").doesNotContain("\tat ");
        }
    }

    @Test
    void badJsonIsAUsageError() {
        CliResult r = CliResult.run("send", "--json", "{nope", "ws://127.0.0.1:1/");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--json '{nope' is not JSON");
    }

    /** Runs a send whose standard input the test writes line by line. */
    private static final class PipedSend implements AutoCloseable {
        final java.io.PipedOutputStream lines = new java.io.PipedOutputStream();
        final java.util.concurrent.Future<CliResult> result;
        private final InputStream old = System.in;

        PipedSend(String... args) throws java.io.IOException {
            System.setIn(new java.io.PipedInputStream(lines, 1 << 16));
            result = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "send-under-test");
                t.setDaemon(true);
                return t;
            }).submit(() -> CliResult.run(args));
        }

        void line(String text) throws java.io.IOException {
            lines.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            lines.flush();
        }

        CliResult end() throws Exception {
            lines.close();
            return result.get(20, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() throws java.io.IOException {
            lines.close();
            System.setIn(old);
        }
    }

    @ParameterizedTest(name = "close {0}: reconnect, and what is sent meanwhile goes on the new connection in order")
    @ValueSource(ints = {1006, 1011, 1012, 1013})
    void reconnectingCloseCodesKeepTheQueueInOrder(int code) throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> {
            c.send("ack " + t);
            if (t.equals("one")) {
                ws.hold(); // the reconnect attempt will wait: what is sent meanwhile must queue
                if (code == 1006) {
                    for (int i = 0; c.hasBufferedData() && i < 500; i++) {
                        Thread.onSpinWait(); // let the ack reach the kernel, so that the drop comes after it
                    }
                    c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "drop");
                } else {
                    c.close(code, "bye");
                }
            }
        };
        try (PipedSend send = new PipedSend("send", "--stdin", "--timeout", "15s", ws.url("/"))) {
            send.line("one");
            assertThat(ws.nextFrame(5)).isEqualTo(new TestWsServer.Frame(1, "one"));
            // the client reconnects after its own random delay
            await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(ws.heldAttempts.get()).as("the client tried to reconnect").isEqualTo(1));
            send.line("two");
            send.line("three");
            ws.release();
            assertThat(ws.nextFrame(5)).isEqualTo(new TestWsServer.Frame(2, "two"));
            assertThat(ws.nextFrame(5)).isEqualTo(new TestWsServer.Frame(2, "three"));
            CliResult r = send.end();
            assertThat(r.err()).containsPattern("closed with " + code + "( \\(bye\\))?; reconnecting in");
            if (r.code() == ExitCode.IO) {
                // the server closes right after reading "one": if that beats its answer to htmxws's ping behind
                // "one" (or a dropped connection swallows it), "one" is rightly unconfirmed
                assertThat(r.err()).as(r.toString()).contains("delivery uncertain: one");
            } else {
                assertThat(r.code()).as(r.toString()).isZero();
            }
        }
    }

    @Test
    void close1000DoesNotReconnectAndWhatIsLeftFailsTheRun() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> {
            c.send("ack");
            c.close(1000, "done");
        };
        try (PipedSend send = new PipedSend("send", "--stdin", "--timeout", "3s", ws.url("/"))) {
            send.line("one");
            assertThat(ws.nextFrame(5).text()).isEqualTo("one");
            await().atMost(Duration.ofSeconds(5)).until(() -> !ws.closes.isEmpty());
            send.line("two");
            CliResult r = send.end();
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
            assertThat(r.err()).contains("closed with 1000").doesNotContain("reconnecting")
                // queued after the close, refused as it landed, or written while it was in flight: never success
                .containsAnyOf("not sent (still queued at exit): two",
                    "not sent: the socket closed before the frame was written: two",
                    "delivery uncertain: two", "not sent: standard input after line 1 (not read: the connection"
                        + " closed for good)");
            assertThat(ws.connections).hasSize(1);
        }
    }

    @Test
    void aFrameTheServerMayNotHaveReadIsReportedNotCountedAsSent() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "drop"); // reads it, answers nothing, drops
        CliResult r = CliResult.run("send", "--raw", "hello", "--no-reconnect", "--quiet-for", "300ms", "--timeout",
            "3s",
            ws.url("/"));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(r.err())
            .contains("delivery uncertain: hello (written on connection 1, which closed with 1006 before the"
                + " server answered)");
    }

    @Test
    void withMaxRetriesTheFrameWaitsForAServerThatIsStillStarting() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("got " + t);
        ws.refuseUpgrades = true;
        Thread starting = new Thread(() -> {
            await().atMost(Duration.ofSeconds(20)).until(() -> ws.refusedUpgrades.get() >= 2);
            ws.refuseUpgrades = false;
        });
        starting.start();
        CliResult r = CliResult.run("send", "--raw", "hello", "--expect", "1", "--format", "raw", "--max-retries", "5",
            "--timeout", "20s", ws.url("/"));
        starting.join(20_000);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("got hello\n");
        assertThat(ws.nextFrame(5).text()).isEqualTo("hello");
    }

    @Test
    void stdinLinesAreSentInOrder() throws Exception {
        ws = TestWsServer.launch();
        InputStream old = System.in;
        CliResult r;
        try {
            System.setIn(new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8)));
            r = CliResult.run("send", "--stdin", ws.url("/"));
            assertThat(r.code()).as(r.toString()).isZero();
        } finally {
            System.setIn(old);
        }
        assertThat(ws.nextFrame(10)).as(r.toString()).isEqualTo(new TestWsServer.Frame(1, "one"));
        assertThat(ws.nextFrame(10)).as(r.toString()).isEqualTo(new TestWsServer.Frame(1, "two"));
        assertThat(ws.nextFrame(10)).as(r.toString()).isEqualTo(new TestWsServer.Frame(1, "three"));
    }

    @Test
    void pageModeSendsThePagesFormWithOriginAndSameHostCookies() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>echo</p></div>");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String pageHtml = "<!DOCTYPE html><html><head><script src='https://unpkg.com/htmx.org@2.0.8'></script></head><body>"
            + "<div hx-ext='ws' ws-connect='ws://127.0.0.1:" + ws.getPort() + "/chatroom'>"
            + "<div id='chat_room'></div><form id='f' ws-send><input name='room' type='hidden' value='lobby'>"
            + "<input name='chat_message'></form></div></body></html>";
        http.createContext("/", ex -> {
            byte[] b = pageHtml.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3t; Path=/; HttpOnly");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        String page = "http://127.0.0.1:" + http.getAddress().getPort() + "/room?x=1";
        CliResult r = CliResult.run("send", "--form", "chat_message=hi", "--until", "#chat_room p", "--format", "text",
            page);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ws.nextFrame(5).text())
            .isEqualTo("{\"room\":\"lobby\",\"chat_message\":\"hi\",\"HEADERS\":{\"HX-Request\":\"true\","
                + "\"HX-Trigger\":\"f\",\"HX-Trigger-Name\":null,\"HX-Target\":\"f\",\"HX-Current-URL\":\"" + page
                + "\"}}");
        assertThat(ws.upgradeHeaders.get(0)).containsEntry("Origin", "http://127.0.0.1:" + http.getAddress().getPort())
            .containsEntry("Cookie", "session=s3cr3t");
        assertThat(r.out()).isEqualTo("#chat_room beforeend  echo\n");
    }

    @Test
    void throughAnHttpConnectProxy() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("via proxy: " + t);
        try (dev.htmxws.net.ConnectProxy proxy = new dev.htmxws.net.ConnectProxy()) {
            CliResult r = CliResult.run("send", "--raw", "hi", "--expect", "1", "--format", "raw",
                "--proxy", "http://127.0.0.1:" + proxy.port(), ws.url("/"));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("via proxy: hi\n");
            assertThat(proxy.tunnels).containsExactly("127.0.0.1:" + ws.getPort());
        }
    }

    @Test
    void pageCookiesNeverGoToAnotherHost() throws Exception {
        ws = TestWsServer.launch();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String pageHtml = "<html><body><div hx-ext='ws' ws-connect='ws://localhost:" + ws.getPort() + "/'>"
            + "<form id='f' ws-send><input name='m' value='x'></form></div></body></html>";
        http.createContext("/", ex -> {
            byte[] b = pageHtml.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3t");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        CliResult r = CliResult.run("send", "http://127.0.0.1:" + http.getAddress().getPort() + "/");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ws.upgradeHeaders.get(0)).doesNotContainKey("Cookie");
    }

    @Test
    void throughASocksProxy() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("via socks: " + t);
        try (dev.htmxws.net.Socks5Proxy proxy = new dev.htmxws.net.Socks5Proxy()) {
            CliResult r = CliResult.run("send", "--raw", "hi", "--expect", "1", "--format", "raw",
                "--proxy", "socks://127.0.0.1:" + proxy.port(), ws.url("/"));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("via socks: hi\n");
            assertThat(proxy.tunnels).containsExactly("127.0.0.1:" + ws.getPort());
        }
    }
}
