package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.cli.LiveApp.Dialect;
import dev.htmxws.testing.LongTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code send}, {@code listen} and a {@code connect} script, each as a real process, against an app in each htmx
 * dialect (htmx 1 core, htmx 1 with its own extensions, htmx 2, htmx 4) over each transport (WebSocket, Server-Sent
 * Events): the frame each dialect builds, the swaps, the htmx requests SSE events trigger and their answers, and an
 * event stream cut in the middle of an event that resumes from its Last-Event-ID.
 */
@LongTest
class DialectsEndToEndTest {

    /** Bounds each process: a run that hangs fails here; a busy machine only takes longer than the work needs. */
    private static final long PROCESS_SECONDS = 120;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run htmxws(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        List<String> cmd = new ArrayList<>(ChildJvm.command(List.of(), args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                "htmxws " + String.join(" ", args) + " did not end within " + PROCESS_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void webSocket(Dialect d) throws Exception {
        try (LiveApp app = new LiveApp(d)) {
            Run send = htmxws("send", "--page", app.url("/ws.html"), "--form", "msg=hi", "--expect", "1", "--format",
                "text", "--timeout", "60s");
            assertThat(send.code()).as(send.toString()).isZero();
            assertThat(send.out()).as(send.toString()).contains("#log beforeend  welcome", "#log beforeend  echo");
            String frame = app.ws.nextFrame(30).text();
            switch (d) {
                case HTMX1 -> assertThat(frame).as("htmx 1 core: HX-Target is the connect element's id")
                    .startsWith("{\"msg\":\"hi\",\"HEADERS\":{").contains("\"HX-Target\":null");
                case HTMX1EXT, HTMX2 -> assertThat(frame).as("the ws extension: HX-Target is the sender's")
                    .startsWith("{\"msg\":\"hi\",\"HEADERS\":{").contains("\"HX-Target\":\"f\"");
                case HTMX4 -> assertThat(frame).startsWith("{\"msg\":\"hi\",\"headers\":{")
                    .contains("\"HX-Source\":\"form#f\"");
            }

            Run listen = htmxws("listen", "--page", app.url("/ws.html"), "--count", "1", "--format", "text",
                "--timeout", "60s");
            assertThat(listen.code()).as(listen.toString()).isZero();
            assertThat(listen.out()).as(listen.toString()).isEqualTo("#log beforeend  welcome\n");

            Path script = dir.resolve("ws.htmxws");
            Files.writeString(script, "msg=hello\nexpect text #log contains \"echo\" within 30s\n",
                StandardCharsets.UTF_8);
            Run connect = htmxws("connect", "--page", app.url("/ws.html"), "--script", script.toString());
            assertThat(connect.code()).as(connect.toString()).isZero();
            assertThat(connect.err()).as(connect.toString()).contains("ok: text #log contains \"echo\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void serverSentEvents(Dialect d) throws Exception {
        try (LiveApp app = new LiveApp(d)) {
            // the first stream is cut in the middle of note two: the reconnect brings Last-Event-ID 1 and gets it whole
            Run listen = htmxws("listen", "--page", app.url("/sse.html"), "--count", "3", "--format", "text",
                "--timeout", "60s");
            assertThat(listen.code()).as(listen.toString()).isZero();
            // each line names the event that made the swap (htmx 4 swaps only unnamed events: "message")
            String event = "event: " + (d == Dialect.HTMX4 ? "message" : "note") + "  ";
            assertThat(listen.out().lines().toList()).as(listen.toString()).containsExactly(
                event + "#notes beforeend  one", event + "#notes beforeend  two", event + "#notes beforeend  three");
            // the server's retry: 100 (htmx 4: its backoff's base, with ±30 % jitter)
            assertThat(listen.err()).as(listen.toString()).containsPattern(d == Dialect.HTMX4
                ? "reconnecting in (7\\d|[89]\\d|1[0-2]\\d|130) ms" : "reconnecting in 100 ms");
            assertThat(app.lastEventIds).as("Last-Event-ID of each stream request").containsExactly("", "1");

            Run send = htmxws("send", "--page", app.url("/sse.html"), "--form", "msg=zebra", "--until", "zebra",
                "--format", "text", "--timeout", "60s");
            assertThat(send.code()).as(send.toString()).isZero();
            assertThat(send.out()).as(send.toString()).contains("#notes beforeend  zebra");
            assertThat(app.requests(1, 30)).as(send.toString()).contains("POST /say msg=zebra");

            Path script = dir.resolve("sse.htmxws");
            Files.writeString(script, String.join("\n", "expect text #notes contains \"three\" within 30s",
                "expect request GET /tick within 30s", "expect text #ticker contains \"tick\" within 30s",
                "msg=yak", "expect text #notes contains \"yak\" within 30s", ""), StandardCharsets.UTF_8);
            Run connect = htmxws("connect", "--page", app.url("/sse.html"), "--script", script.toString());
            assertThat(connect.code()).as(connect.toString()).isZero();
            assertThat(connect.err()).as(connect.toString()).contains("ok: request GET /tick",
                "ok: text #notes contains \"yak\"");
            assertThat(connect.out()).as(connect.toString()).contains("response 200 to GET");
        }
    }
}
