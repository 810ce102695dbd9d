package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.cli.LiveApp.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            assertThat(r.out().lines().toList()).as(r.toString()).containsExactly("event note (id 1)  one",
                "event note (id 2)  two", "event note (id 3)  three");
            assertThat(r.err()).as(r.toString())
                .contains("connected to " + app.url("/sse/feed") + " (Server-Sent Events)");
            CliResult nd = CliResult.run("listen", "--count", "1", "--format", "ndjson", "--timeout", "30s",
                app.url("/sse/feed"));
            assertThat(nd.out()).as(nd.toString()).contains("\"event\":\"note\"", "\"id\":\"1\"",
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
