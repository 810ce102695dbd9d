package dev.htmxws.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.framing.CloseFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The socket wrapper against real servers on loopback. */
class WsSocketTest {

    private TestWsServer server;

    /** Collects the listener's calls as lines. */
    static final class Events implements WsSocket.Listener {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public void opened(String subprotocol) {
            lines.add("open " + subprotocol);
        }

        @Override
        public void text(String message) {
            lines.add("text " + message);
        }

        @Override
        public void binary(ByteBuffer message) {
            lines.add("binary " + message.remaining());
        }

        @Override
        public void closed(int code, String reason, boolean remote) {
            lines.add("closed " + code + " " + reason + (remote ? " remote" : " local"));
        }

        @Override
        public void failed(String message) {
            lines.add("failed " + message);
        }

        String next() throws InterruptedException {
            String s = lines.poll(10, TimeUnit.SECONDS);
            assertThat(s).as("an event within 10 s").isNotNull();
            return s;
        }
    }

    /** The server's side of the latest connection, once the server has registered it. */
    private static org.java_websocket.WebSocket connected(TestWsServer s) throws InterruptedException {
        assertThat(s.awaitConnections(s.connections.size() == 0 ? 1 : s.connections.size(), 5)).isTrue();
        return s.latest();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private static WsOptions options() {
        return WsOptions.defaults();
    }

    @Test
    void opensWithHeadersOriginCookieAndExchangesFrames() throws Exception {
        server = TestWsServer.launch();
        server.onFrame = (c, t) -> c.send("echo:" + t);
        Events ev = new Events();
        WsOptions o = new WsOptions(List.<String[]>of(new String[] {"Authorization", "Bearer t"}),
            "http://127.0.0.1:8000",
            List.of(), "session=abc", Duration.ofSeconds(5), Duration.ZERO, WsOptions.DEFAULT_MAX_MESSAGE_SIZE,
            Tls.DEFAULT,
            java.net.Proxy.NO_PROXY);
        WsSocket s = WsSocket.open(URI.create(server.url("/chat?room=1")), o, ev);
        assertThat(ev.next()).isEqualTo("open ");
        assertThat(server.awaitConnections(1, 5)).as("the server recorded the upgrade").isTrue(); // its onOpen may come after ours
        assertThat(server.upgradeHeaders.get(0)).containsEntry("Authorization", "Bearer t")
            .containsEntry("Origin", "http://127.0.0.1:8000").containsEntry("Cookie", "session=abc")
            .containsEntry(":path", "/chat?room=1").doesNotContainKey("Sec-WebSocket-Protocol");
        assertThat(s.send("hi")).isTrue();
        assertThat(ev.next()).isEqualTo("text echo:hi");
        connected(server).send(new byte[] {1, 2, 3});
        assertThat(ev.next()).isEqualTo("binary 3");
        connected(server).close(1012, "restart");
        assertThat(ev.next()).isEqualTo("closed 1012 restart remote");
    }

    @Test
    void subprotocolIsNegotiatedAndRequiredAsInABrowser() throws Exception {
        server = TestWsServer.launch(new TestWsServer(List.of("v1.chat")));
        Events ev = new Events();
        WsSocket.open(URI.create(server.url("/")), options().withSubprotocols(List.of("v0", "v1.chat")), ev);
        assertThat(ev.next()).isEqualTo("open v1.chat");
        assertThat(server.awaitConnections(1, 5)).as("the server recorded the upgrade").isTrue();
        assertThat(server.upgradeHeaders.get(0).get("Sec-WebSocket-Protocol")).isEqualTo("v0, v1.chat");
        Events refused = new Events();
        WsSocket.open(URI.create(server.url("/")), options().withSubprotocols(List.of("v2")), refused);
        assertThat(refused.next()).startsWith("failed ");
    }

    @Test
    void droppedTcpIs1006() throws Exception {
        server = TestWsServer.launch();
        Events ev = new Events();
        WsSocket.open(URI.create(server.url("/")), options(), ev);
        assertThat(ev.next()).startsWith("open");
        connected(server).closeConnection(CloseFrame.ABNORMAL_CLOSE, "drop");
        assertThat(ev.next()).startsWith("closed 1006");
    }

    @Test
    void refusedUpgradeNamesTheHttpStatus() throws Exception {
        try (RawTcpServer refusing = RawTcpServer.refusing("403 Forbidden")) {
            Events ev = new Events();
            WsSocket.open(URI.create("ws://127.0.0.1:" + refusing.port() + "/ws"), options(), ev);
            assertThat(ev.next()).isEqualTo("failed server refused the upgrade: HTTP 403 Forbidden (ws://127.0.0.1:"
                + refusing.port() + "/ws)");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (RawTcpServer silent = RawTcpServer.silent()) {
            Events ev = new Events();
            WsOptions o = new WsOptions(List.of(), null, List.of(), null, Duration.ofMillis(300), Duration.ZERO,
                WsOptions.DEFAULT_MAX_MESSAGE_SIZE, Tls.DEFAULT, java.net.Proxy.NO_PROXY);
            WsSocket.open(URI.create("ws://127.0.0.1:" + silent.port() + "/"), o, ev);
            assertThat(ev.next()).startsWith("failed 127.0.0.1:" + silent.port()
                + " took the connection but did not answer the WebSocket upgrade within 300 ms (--connect-timeout)");
        }
    }

    @Test
    void nothingListeningIsAConnectError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Events ev = new Events();
        WsSocket.open(URI.create("ws://127.0.0.1:" + port + "/"), options(), ev);
        assertThat(ev.next()).startsWith("failed cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void oversizedMessageClosesWith1009() throws Exception {
        server = TestWsServer.launch();
        Events ev = new Events();
        WsOptions o = new WsOptions(List.of(), null, List.of(), null, Duration.ofSeconds(5), Duration.ZERO, 1024,
            Tls.DEFAULT, java.net.Proxy.NO_PROXY);
        WsSocket.open(URI.create(server.url("/")), o, ev);
        assertThat(ev.next()).startsWith("open");
        connected(server).send("x".repeat(4096));
        assertThat(ev.next()).startsWith("closed 1009");
    }

    @Test
    void invalidUtf8TextFrameFailsTheConnectionAsABrowserDoes() throws Exception {
        server = TestWsServer.launch();
        Events ev = new Events();
        WsSocket.open(URI.create(server.url("/")), options(), ev);
        assertThat(ev.next()).startsWith("open");
        org.java_websocket.framing.TextFrame bad = new org.java_websocket.framing.TextFrame();
        bad.setPayload(ByteBuffer.wrap(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}));
        bad.setFin(true);
        connected(server).sendFrame(bad);
        // htmxws sends 1007 to the server; the page sees 1006, as Chromium's does (and htmx reconnects)
        assertThat(ev.next()).startsWith("closed 1006 the server broke the WebSocket protocol").contains("with 1007");
        assertThat("ok".getBytes(StandardCharsets.UTF_8)).hasSize(2);
    }
}
