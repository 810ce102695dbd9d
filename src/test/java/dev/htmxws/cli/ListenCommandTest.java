package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.htmxws.net.TestWsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code htmxws listen} end to end against real servers on loopback. */
class ListenCommandTest {

    private TestWsServer ws;
    private HttpServer http;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (ws != null) {
            ws.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void eachFailedAttemptIsOneLineWithTheSocketTheAttemptAndTheNextDelay() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + closed + "/";
        CliResult r = CliResult.run("listen", "--max-retries", "2", url);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        List<String> lines = r.err().lines().toList();
        String refused = "cannot connect to 127.0.0.1:" + closed + " (connection refused); is the server running?";
        assertThat(lines.get(0)).as(r.toString()).matches(java.util.regex.Pattern.quote("attempt 1 to connect to " + url
            + " failed: " + refused + "; next in ") + "\\d+ ms");
        assertThat(lines.get(1)).as(r.toString()).matches(java.util.regex.Pattern.quote("attempt 2 to connect to " + url
            + " failed: " + refused + "; next in ") + "\\d+ ms");
        assertThat(lines.get(2)).isEqualTo("htmxws listen: error: " + refused);
        assertThat(lines).as("once per attempt").filteredOn(l -> l.contains(refused)).hasSize(3);
    }

    @Test
    void printsEachPushUntilTheCount() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> {
            c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>Bob: Hi Alice!</p></div>");
            c.send("<div>no id</div>");
            c.send(new byte[] {1, 2, 3, 4});
        };
        CliResult text = CliResult.run("listen", "--count", "3", "--format", "text", "--timeout", "5s", ws.url("/"));
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).isEqualTo("#chat_room beforeend  Bob: Hi Alice!\n#null outerHTML  no id\n"
            + "(no swap)  [binary 4 bytes]\n");
        assertThat(text.err()).contains("warning:");
        CliResult nd = CliResult.run("listen", "--count", "3", "--format", "ndjson", "--timeout", "5s", ws.url("/"));
        List<String> received = nd.out().lines().filter(l -> l.contains("\"event\":\"received\"")).toList();
        assertThat(received).as(nd.toString()).hasSize(3);
        assertThat(received.get(2)).contains("\"binary\":\"AQIDBA==\"");
        assertThat(received.get(1)).contains("\"warnings\":[{\"code\":");
    }

    /**
     * Four elements that read alike (div.container) are never shown alike: each swap line, in text and in NDJSON,
     * names its target by a selector that matches it alone, and #id where it has one.
     */
    @Test
    void swapsIntoLookalikeElementsNameEachTargetUniquely() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.send("<p hx-swap-oob=\"innerHTML:.container\">x</p>");
        Path page = Files.writeString(dir.resolve("page.html"), "<html><head></head><body><div hx-ext=\"ws\""
            + " ws-connect=\"/\"><div class=\"container\">a</div><div class=\"container\" id=\"main\">b</div>"
            + "<div class=\"container\">c</div><section><div class=\"container\">d</div></section></div></body></html>");
        String url = "http://127.0.0.1:" + ws.getPort() + "/page.html";
        CliResult text = CliResult.run("listen", "--count", "1", "--format", "text", "--timeout", "5s", "--page",
            page.toString(), url);
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out().lines().toList()).as(text.toString()).containsExactly(
            "body > div > div.container:nth-of-type(1) innerHTML  x", "#main innerHTML  x",
            "body > div > div.container:nth-of-type(3) innerHTML  x",
            "body > div > section > div.container innerHTML  x");
        CliResult nd = CliResult.run("listen", "--count", "1", "--format", "ndjson", "--timeout", "5s", "--page",
            page.toString(), url);
        assertThat(nd.out()).as(nd.toString()).contains(
            "\"target\":\"body > div > div.container:nth-of-type(1)\"", "\"target\":\"#main\"");
    }

    /** A server that sends in bursts: the messages arrive together, and --count still takes exactly N of them. */
    @Test
    void countIsAHardLimitWhenMessagesArriveInABurst() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> {
            for (int i = 1; i <= 200; i++) {
                c.send("<div id=\"n\" hx-swap-oob=\"beforeend\">" + i + "</div>");
            }
        };
        for (int count : new int[] {1, 2, 7, 150}) {
            for (String format : List.of("raw", "text", "ndjson")) {
                CliResult r = CliResult.run("listen", "--count", String.valueOf(count), "--format", format, "--timeout",
                    "10s", ws.url("/"));
                assertThat(r.code()).as(r.toString()).isZero();
                // in NDJSON the open record comes first; each message is one record
                assertThat(r.out().lines().filter(l -> !format.equals("ndjson") || l.contains("\"event\":\"received\""))
                    .count()).as("--count %d --format %s\n%s", count, format, r).isEqualTo(count);
            }
        }
    }

    /** A server written for htmx 4 (JSON envelopes) heard as htmx 2: one line says so, and which flag fits. */
    @Test
    void htmx4EnvelopesToABareUrlGetOneHint() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> {
            for (int i = 0; i < 3; i++) {
                c.send("{\"target\":\"#cpu\",\"swap\":\"innerHTML\",\"content\":\"<span id=\\\"cpu\\\">" + i
                    + "%</span>\"}");
            }
        };
        CliResult r = CliResult.run("listen", "--count", "3", "--format", "text", "--timeout", "5s", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err().lines().filter(l -> l.contains("htmx 4 JSON envelope")).toList()).as(r.toString())
            .hasSize(1).allMatch(l -> l.contains("--htmx 4"));
        CliResult h4 = CliResult.run("listen", "--htmx", "4", "--count", "3", "--format", "text", "--timeout", "5s",
            ws.url("/"));
        assertThat(h4.err()).as(h4.toString()).doesNotContain("envelope");
        assertThat(h4.out()).as(h4.toString()).contains("#cpu innerHTML  0%");
    }

    @Test
    void endsWhenTheServerClosesForGood() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> {
            c.send("bye");
            c.close(1000, "done");
        };
        CliResult r = CliResult.run("listen", "--format", "raw", "--timeout", "5s", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("bye\n");
        assertThat(ws.connections).hasSize(1);
        CliResult counted = CliResult.run("listen", "--count", "2", "--format", "raw", "--timeout", "5s", ws.url("/"));
        assertThat(counted.code()).as("fewer messages than --count").isEqualTo(ExitCode.FAILED);
        assertThat(counted.err()).as("and it says so").contains("expected 2 messages within 5000 ms (--count); got 1");
    }

    @ParameterizedTest(name = "close {0} reconnects")
    @ValueSource(ints = {1011, 1012, 1013})
    void reconnectsOnTheDialectsCodes(int code) throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> {
            int n = c.<Integer>getAttachment();
            c.send("hello " + n);
            if (n == 1) {
                c.close(code, "again");
            }
        };
        CliResult r = CliResult.run("listen", "--count", "2", "--format", "raw", "--timeout", "8s", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello 1\nhello 2\n");
    }

    @Test
    void withoutReconnectsLeftAClosedSocketSaysSoAtOnce() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.close(1012, "restart");
        CliResult none = CliResult.run("listen", "--no-reconnect", "--format", "raw", "--timeout", "5s", ws.url("/"));
        assertThat(none.err()).as(none.toString()).contains("closed with 1012")
            .contains("not reconnecting (--no-reconnect)")
            .doesNotContain("reconnecting in");
        assertThat(ws.connections).hasSize(1);
        ws.onConnect = c -> {
            ws.refuseUpgrades = true; // the one reconnect attempt fails
            c.close(1012, "restart");
        };
        CliResult one = CliResult.run("listen", "--max-retries", "1", "--format", "raw", "--timeout", "8s",
            ws.url("/"));
        assertThat(one.err()).as(one.toString()).containsOnlyOnce("reconnecting in")
            .containsOnlyOnce("gave up after 1 reconnect attempt (--max-retries)");
    }

    @Test
    void maxRetriesWaitsForAServerThatIsStillStarting() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.send("hello");
        ws.refuseUpgrades = true;
        CliResult once = CliResult.run("listen", "--count", "1", "--format", "raw", "--timeout", "10s", ws.url("/"));
        assertThat(once.code()).as("by default a refused first connection ends the run: %s", once)
            .isEqualTo(ExitCode.IO);
        assertThat(ws.refusedUpgrades.get()).isEqualTo(1);

        ws.refusedUpgrades.set(0);
        Thread starting = new Thread(() -> {
            await().atMost(Duration.ofSeconds(20)).until(() -> ws.refusedUpgrades.get() >= 2);
            ws.refuseUpgrades = false; // the server is up now
        });
        starting.start();
        CliResult r = CliResult.run("listen", "--max-retries", "5", "--count", "1", "--format", "raw", "--timeout",
            "20s",
            ws.url("/"));
        starting.join(20_000);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(r.err()).contains("server refused the upgrade");
    }

    @Test
    void htmx1DoesNotReconnectOn1011() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.close(1011, "boom");
        CliResult r = CliResult.run("listen", "--htmx", "1", "--format", "raw", "--timeout", "3s", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("closed with 1011").doesNotContain("reconnecting");
    }

    @Test
    void pageModeAppliesSwapsSelectsAndWritesTheFinalDom() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> {
            c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>one</p></div>");
            c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>two</p></div>");
        };
        Path pageFile = dir.resolve("page.html");
        Files.writeString(pageFile, "<html><body><div hx-ext='ws' ws-connect='ws://127.0.0.1:" + ws.getPort()
            + "/'><div id='chat_room'></div></div></body></html>");
        Path out = dir.resolve("final.html");
        CliResult r = CliResult.run("listen", "--page", pageFile.toString(), "--count", "2", "--select", "#chat_room",
            "--dom-out", out.toString(), "--format", "text", "--timeout", "5s");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("#chat_room: one\n").contains("#chat_room: one two\n");
        assertThat(Files.readString(out)).contains("<div id=\"chat_room\"><p>one</p><p>two</p></div>");
    }

    @Test
    void selectWithoutAPageIsAUsageError() throws Exception {
        ws = TestWsServer.launch();
        CliResult r = CliResult.run("listen", "--select", "#x", ws.url("/"));
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--select and --dom-out need a page");
        assertThat(StandardCharsets.UTF_8.name()).isEqualTo("UTF-8");
    }

    @Test
    void serverSentEventsWithTheirNames() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/events", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            String stream = ": heartbeat\n\nevent: chat\nid: 1\ndata: <p>Bob: hi</p>\n\ndata: plain\ndata: two lines\n\n";
            ex.getResponseBody().write(stream.getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            ex.close();
        });
        http.start();
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/events";
        CliResult text = CliResult.run("listen", "--count", "2", "--format", "text", "--timeout", "5s", url);
        assertThat(text.code()).as(text.toString()).isZero();
        assertThat(text.out()).isEqualTo("event: chat (id 1)  Bob: hi\nevent: message (id 1)  plain two lines\n");
        CliResult nd = CliResult.run("listen", "--sse", "--count", "2", "--format", "ndjson", "--timeout", "5s", url);
        assertThat(nd.out().lines().filter(l -> l.contains("\"event\":\"sse\"")).findFirst().orElseThrow())
            .contains("\"name\":\"chat\"")
            .contains("\"data\":\"<p>Bob: hi</p>\"");
    }

    @Test
    void ssePageSwapsEventsLikeTheHtmx2SseExtension() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String page = "<html><body><div hx-ext='sse' sse-connect='/events' sse-close='done'>"
            + "<ul id='chat' sse-swap='chat' hx-swap='beforeend'></ul><div id='status' sse-swap='status, tick'>?</div>"
            + "<div id='note' sse-swap='oob' hx-target='#status'></div></div></body></html>";
        http.createContext("/page", ex -> {
            byte[] b = page.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.createContext("/events", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            String stream = "event: chat\ndata: <li>one</li>\n\nevent: chat\ndata: <li>two</li>\n\n"
                + "event: tick\ndata: <b>ok</b>\n\n"
                + "event: oob\ndata: <i>main</i><span id=\"chat\" hx-swap-oob=\"beforeend\"><li>three</li></span>\n\n"
                + "event: done\ndata: bye\n\n";
            ex.getResponseBody().write(stream.getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
            ex.close();
        });
        http.start();
        Path out = dir.resolve("final.html");
        CliResult r = CliResult.run("listen", "--format", "text", "--timeout", "5s", "--dom-out", out.toString(),
            "http://127.0.0.1:" + http.getAddress().getPort() + "/page");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).as(r.toString())
            .startsWith("event: chat  #chat beforeend  one\nevent: chat  #chat beforeend  two\n"
                + "event: tick  #status innerHTML  ok\n")
            .contains("event: oob  #chat beforeend  three\nevent: oob  #status innerHTML  main\n");
        assertThat(Files.readString(out))
            .contains(
                "<ul id=\"chat\" sse-swap=\"chat\" hx-swap=\"beforeend\"><li>one</li><li>two</li><li>three</li></ul>")
            .contains("<div id=\"status\" sse-swap=\"status, tick\"><i>main</i></div>");
    }

    @Test
    void oversizedMessagesAndBadHostsSayWhatHappened() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.send("x".repeat(5000));
        CliResult big = CliResult.run("listen", "--max-message-size", "1024", "--no-reconnect", "--timeout", "3s",
            "--format", "raw", ws.url("/"));
        assertThat(big.err()).contains("closed with 1009").contains("larger than --max-message-size");
        CliResult dns = CliResult.run("listen", "--timeout", "3s", "ws://no-such-host.invalid/");
        assertThat(dns.code()).as(dns.toString()).isEqualTo(ExitCode.IO);
        assertThat(dns.err()).contains("cannot resolve host no-such-host.invalid");
    }

    @Test
    void theServersCloseReasonIsShown() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> c.close(1000, "room closed");
        CliResult r = CliResult.run("listen", "--timeout", "3s", "--format", "raw", ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("closed with 1000 (room closed)");
    }
}
