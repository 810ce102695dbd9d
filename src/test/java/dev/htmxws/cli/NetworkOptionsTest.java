package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.htmxws.net.ConnectProxy;
import dev.htmxws.net.TestWsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One network configuration for every connection a session makes: the page fetch, the event stream and the
 * WebSocket all go through --proxy and carry -H and --cookie, as a browser's tab sends its headers and cookies with
 * each.
 */
class NetworkOptionsTest {

    private HttpServer http;
    private TestWsServer ws;

    @AfterEach
    void stop() throws Exception {
        if (http != null) {
            http.stop(0);
        }
        if (ws != null) {
            ws.stop(1000);
        }
    }

    @Test
    void thePageFetchAndTheSocketShareProxyHeadersAndCookies() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> c.send("<div id='log' hx-swap-oob='beforeend'><p>ok</p></div>");
        List<Map<String, List<String>>> pageRequests = new CopyOnWriteArrayList<>();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String page = "<html><body><div hx-ext='ws' ws-connect='ws://127.0.0.1:" + ws.getPort() + "/'>"
            + "<form ws-send><input name='m'></form><div id='log'></div></div></body></html>";
        http.createContext("/", ex -> {
            pageRequests.add(Map.copyOf(ex.getRequestHeaders()));
            byte[] b = page.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        String pageUrl = "http://127.0.0.1:" + http.getAddress().getPort() + "/";
        try (ConnectProxy proxy = new ConnectProxy()) {
            CliResult r = CliResult.run("send", "--proxy", "http://127.0.0.1:" + proxy.port(), "-H", "X-Team: blue",
                "--cookie", "sid=42", "--form", "m=hi", "--expect", "1", "--format", "raw", pageUrl);
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(proxy.tunnels).as("the page and the socket both went through the proxy")
                .containsExactly("127.0.0.1:" + http.getAddress().getPort(), "127.0.0.1:" + ws.getPort());
        }
        assertThat(pageRequests).hasSize(1);
        assertThat(pageRequests.get(0)).containsEntry("X-team", List.of("blue")).containsEntry("Cookie",
            List.of("sid=42"));
        assertThat(ws.upgradeHeaders.get(0)).containsEntry("X-Team", "blue").containsEntry("Cookie", "sid=42");
    }

    @Test
    void anEventStreamGoesThroughTheProxyWithTheHeaders() throws Exception {
        List<Map<String, List<String>>> streamRequests = new CopyOnWriteArrayList<>();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/events", ex -> {
            streamRequests.add(Map.copyOf(ex.getRequestHeaders()));
            byte[] b = "event: greeting\ndata: hello\n\n".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try (ConnectProxy proxy = new ConnectProxy()) {
            CliResult r = CliResult.run("listen", "--sse", "--proxy", "http://127.0.0.1:" + proxy.port(), "-H",
                "X-Team: blue", "--count", "1", "--format", "raw", "--no-reconnect",
                "http://127.0.0.1:" + http.getAddress().getPort() + "/events");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("hello\n");
            assertThat(proxy.tunnels).contains("127.0.0.1:" + http.getAddress().getPort());
        }
        assertThat(streamRequests.get(0)).containsEntry("X-team", List.of("blue"));
    }
}
