package dev.htmxws.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.net.TestWsServer;
import dev.htmxws.testing.LongTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorded case {@code h4-raw-html} (a page with two htmx 4 sockets to one host) played over real sockets to
 * {@code htmxws listen} as a process, many times in a row: Chromium opens the sockets one at a time in page order,
 * so the server numbers them the same way every time, and each push lands where the browser put it. htmxws once
 * opened both at once, and about one run in three came out numbered the other way.
 */
@LongTest
class TwoSocketsOverTheWireTest {

    /** Ten in the build; {@code -Dhtmxws.wire.runs=50} for the closing note's proof. */
    private static final int RUNS = Integer.getInteger("htmxws.wire.runs", 10);

    @TempDir
    Path dir;

    @Test
    void twoSocketsOpenInPageOrderEveryTime() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode c = json.readTree(getClass().getResource("/conformance/cases/h4-raw-html.json"));
        String expected = json.readTree(getClass().getResource("/conformance/results/h4-raw-html.json")).get("dom")
            .asText();
        List<JsonNode> pushes = new ArrayList<>();
        c.get("steps").forEach(pushes::add);
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"/vendor/htmx4/htmx.js\"></script>"
            + "<script src=\"/vendor/htmx4/hx-ws.js\"></script></head>" + c.get("page").asText() + "</html>";
        long t0 = System.nanoTime();
        for (int run = 1; run <= RUNS; run++) {
            try (TestWsServer ws = TestWsServer.launch()) {
                HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                // the page is served from another port than its sockets: their URLs name the WebSocket server
                String html = page.replace("hx-ws:connect='/", "hx-ws:connect='ws://127.0.0.1:" + ws.getPort() + "/");
                http.createContext("/page.html", ex -> {
                    byte[] b = html.getBytes(UTF_8);
                    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    ex.sendResponseHeaders(200, b.length);
                    ex.getResponseBody().write(b);
                    ex.close();
                });
                http.start();
                try {
                    Path domOut = dir.resolve("dom-" + run + ".html");
                    Process p = new ProcessBuilder(ChildJvm.command(List.of(), "listen", "--page",
                        "http://127.0.0.1:" + http.getAddress().getPort() + "/page.html", "--count",
                        Integer.toString(pushes.size()), "--format", "raw", "--timeout", "60s", "--dom-out",
                        domOut.toString()))
                        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                        .start();
                    assertThat(ws.awaitConnections(2, 60)).as("run %d: both sockets opened", run).isTrue();
                    assertThat(ws.upgradeHeaders.stream().map(h -> h.get(":path")).toList())
                        .as("run %d: the order the server saw", run).containsExactly("/ws",
                            "/ws2");
                    for (JsonNode step : pushes) {
                        ws.connections.get(step.get("conn").asInt() - 1).send(step.get("server").asText());
                    }
                    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run %d: listen ended", run).isTrue();
                    assertThat(p.exitValue()).as("run %d: %s", run, Files.readString(dir.resolve("err.txt"))).isZero();
                    String dom = VirtualDom.parse(Files.readString(domOut), "http://127.0.0.1/").canonicalBody()
                        .replace("ws://127.0.0.1:" + ws.getPort() + "/", "/"); // the URLs as the recorded page had them
                    assertThat(dom).as("run %d: the page's DOM", run).isEqualTo(expected);
                } finally {
                    http.stop(0);
                }
            }
        }
        System.out.printf("h4-raw-html over the wire: %d of %d runs identical to Chromium's recording (%.1f s)%n", RUNS,
            RUNS, (System.nanoTime() - t0) / 1e9);
    }
}
