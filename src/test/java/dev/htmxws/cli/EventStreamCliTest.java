package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.cli.LiveApp.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on event streams, in process: a bare stream URL, a connect script that drops the stream and sees
 * the page reconnect, and a page read as the wrong dialect (the error names the flag that fits).
 */
class EventStreamCliTest {

    @TempDir
    Path dir;

    @Test
    void aBareStreamUrlPrintsEachEventByNameAndId() throws Exception {
        try (LiveApp app = new LiveApp(Dialect.HTMX2)) {
            CliResult r = CliResult.run("listen", "--count", "3", "--format", "text", "--timeout", "30s",
                app.url("/sse/feed"));
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().lines().toList()).as(r.toString()).containsExactly("event: note (id 1)  one",
                "event: note (id 2)  two", "event: note (id 3)  three");
            assertThat(r.err()).as(r.toString())
                .contains("connected to " + app.url("/sse/feed") + " (Server-Sent Events)");
            CliResult nd = CliResult.run("listen", "--count", "1", "--format", "ndjson", "--timeout", "30s",
                app.url("/sse/feed"));
            assertThat(nd.out()).as(nd.toString()).contains("\"event\":\"sse\"", "\"name\":\"note\"", "\"id\":\"1\"",
                "\"data\":\"<li>one</li>\"");
        }
    }

    @Test
    void aConnectScriptOnAnSsePageDropsTheStreamAndTheEventSourceComesBack() throws Exception {
        try (LiveApp app = new LiveApp(Dialect.HTMX2)) {
            Path script = dir.resolve("s.htmxws");
            Files.writeString(script, String.join("\n", "expect text #notes contains \"three\" within 30s", "/close",
                "expect text #ticker contains \"tick\" within 30s", ""), StandardCharsets.UTF_8);
            CliResult r = CliResult.run("connect", "--page", app.url("/sse.html"), "--script", script.toString());
            assertThat(r.code()).as(r.toString() + "\nthe app saw: " + app.requests(0, 0)).isZero();
            assertThat(r.err()).as(r.toString()).contains("htmxws closed the stream (/close); reconnecting in 100 ms",
                "ok: text #ticker contains \"tick\"");
            // the script's /close came as note three was swapped, before the tick of that chunk: the third stream
            // (with Last-Event-ID 3) brought it
            assertThat(app.lastEventIds).containsExactly("", "1", "3");
        }
    }

    /** Chromium sends a page's event stream requests in page order; the server numbers them so, run after run. */
    @Test
    void streamsToOneHostGoOutInPageOrderAndRequestsAcceptWhatXhrAccepts() throws Exception {
        java.util.List<String> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> accepts = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        // one handler thread: the server takes the requests in the order they came in on the wire
        http.setExecutor(java.util.concurrent.Executors.newSingleThreadExecutor());
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        http.createContext("/page.html", ex -> {
            int load = loads.incrementAndGet(); // each load's streams carry its number: a late request is told apart
            StringBuilder page = new StringBuilder("<script src=\"https://unpkg.com/htmx.org@1.9.12\"></script>");
            for (int i = 1; i <= 5; i++) {
                page.append("<div hx-sse=\"connect:/s").append(i).append("?load=").append(load)
                    .append(" swap:e\"></div><div hx-sse=\"connect:/t").append(i).append("?load=").append(load)
                    .append("\"><div hx-get=\"/r").append(i).append("\" hx-trigger=\"sse:e\"></div></div>");
            }
            byte[] b = page.toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.createContext("/", ex -> { // /sN and /tN: event streams
            arrivals.add(ex.getRequestURI().getPath() + " " + ex.getRequestURI().getQuery());
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write("event: e\ndata: <i>x</i>\n\n".getBytes(StandardCharsets.UTF_8));
            ex.getResponseBody().flush();
        });
        http.createContext("/r", ex -> {
            accepts.add(ex.getRequestHeaders().getFirst("Accept"));
            byte[] b = "<p>r</p>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
        try {
            for (int run = 0; run < 5; run++) {
                CliResult r = CliResult.run("listen", "--page", "http://127.0.0.1:" + http.getAddress().getPort()
                    + "/page.html", "--count", "5", "--timeout", "30s", "--format", "raw");
                assertThat(r.code()).as(r.toString()).isZero();
                String load = "load=" + loads.get();
                List<String> mine = arrivals.stream().filter(a -> a.endsWith(load)).map(a -> a.split(" ")[0]).toList();
                assertThat(mine.subList(0, 5)).as("run %d: %s", run, mine).containsExactly("/s1", "/t1", "/s2", "/t2",
                    "/s3");
            }
            accepts.clear();
            Path script = dir.resolve("five.htmxws");
            Files.writeString(script, "expect count p 5 within 30s\n", StandardCharsets.UTF_8);
            CliResult c = CliResult.run("connect", "--page", "http://127.0.0.1:" + http.getAddress().getPort()
                + "/page.html", "--script", script.toString());
            assertThat(c.code()).as(c.toString()).isZero();
            // (requests the listen runs made before they ended may arrive meanwhile: at least the script's five)
            assertThat(accepts).as("htmx 1 sets no Accept: the XMLHttpRequest's own */*").hasSizeGreaterThanOrEqualTo(5)
                .allMatch("*/*"::equals);
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aPageReadAsTheWrongDialectNamesTheFlagThatFits() throws Exception {
        Path page = dir.resolve("h4.html");
        Files.writeString(page, "<div hx-sse:connect=\"/events\"></div>", StandardCharsets.UTF_8);
        CliResult r = CliResult.run("listen", "--htmx", "2", "--page", page.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).as(r.toString()).contains("no WebSocket or event stream element for htmx 2")
            .contains("pass --htmx 4");
    }
}
