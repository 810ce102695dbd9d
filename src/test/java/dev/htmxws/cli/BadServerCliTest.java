package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.NastyWsServers;
import dev.htmxws.net.ScriptedServer;
import dev.htmxws.testing.LongTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htmxws listen} and {@code send} against servers that misbehave on the wire ({@link NastyWsServers}), in
 * process for every case and as a real process for the worst: each ends with a documented exit code (never 70),
 * and standard error holds only the one-line reports the commands write (no stack trace, no escape sequence
 * from the server, no line a server's close reason broke in two).
 */
@LongTest
class BadServerCliTest {

    /** The documented exit codes a server can cause: done, fewer messages than asked, connection failed. */
    private static final Set<Integer> SERVER_CAUSED = Set.of(ExitCode.OK, ExitCode.FAILED, ExitCode.IO);
    /** Every line listen and send write to standard error starts with one of these. */
    private static final Pattern REPORT_LINE = Pattern.compile("^(connected to |closed|error: |warning: |gave up |"
        + "not reconnecting|not sent|delivery uncertain: |got \\d+ message|  |htmxws (listen|send): ).*$");
    private static final Pattern RECONNECTS = Pattern.compile("closed with (1006|1011|1012|1013)");
    /** Cases worth a real process: a JVM's own stack traces, from any thread, go to the process's stderr. */
    private static final Set<String> IN_A_PROCESS = Set.of("invalid-utf8", "close-reason-not-utf8",
        "close-reason-with-newline-and-escapes", "one-byte-over-16-MiB", "garbage-after-upgrade",
        "upgrade-answered-garbage",
        "escape-sequences-in-text", "close-then-flood");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> listenReportsEveryBadServerInOneLineAndADocumentedExitCode() {
        Set<String> reconnectsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return NastyWsServers.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try (ScriptedServer server = new ScriptedServer(c.script())) {
                String url = "ws://127.0.0.1:" + server.port() + "/";
                CliResult text = CliResult.run("listen", "--format", "text", "--no-reconnect", "--timeout", "30s", url);
                check(c, text.code(), text.out(), text.err(), true);
                CliResult raw = CliResult.run("listen", "--format", "raw", "--no-reconnect", "--timeout", "30s", url);
                check(c, raw.code(), raw.out(), raw.err(), true);
                // send may be done and gone before the server's bad frame arrives: nothing in particular to show
                CliResult send = CliResult.run("send", "--raw", "hello", "--no-reconnect", "--timeout", "10s", url);
                check(c, send.code(), send.out(), send.err(), false);
                java.util.regex.Matcher reconnects = RECONNECTS.matcher(text.err());
                if (reconnects.find() && reconnectsSeen.add(reconnects.group(1))) {
                    // htmx reconnects after these codes, to a server that does it all again; --timeout ends it.
                    // Once per close code: whether the page reconnects depends on the code, not on the bytes before
                    CliResult again = CliResult.run("listen", "--format", "ndjson", "--timeout", "2s", url);
                    check(c, again.code(), again.out(), again.err(), true);
                    assertThat(again.err()).as(c.name()).contains("(connection 2)");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> aRealProcessPrintsNoStackTraceEither() {
        return NastyWsServers.all().stream().filter(c -> IN_A_PROCESS.contains(c.name()))
            .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                try (ScriptedServer server = new ScriptedServer(c.script())) {
                    Path out = dir.resolve(c.name() + ".out");
                    Path err = dir.resolve(c.name() + ".err");
                    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
                    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), "listen", "--format", "text", "--no-reconnect", "--timeout", "30s",
                        "ws://127.0.0.1:" + server.port() + "/")
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                    try {
                        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(c + ": the process ended").isTrue();
                    } finally {
                        p.destroyForcibly();
                    }
                    check(c, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8), true);
                }
            }));
    }

    /** The default limit with a small heap: the library's read thread runs out of memory; one line, exit 3. */
    @org.junit.jupiter.api.Test
    void aSixteenMebibyteFrameInATinyHeapIsOneLineNotAStackTrace() throws Exception {
        byte[] frame = dev.htmxws.net.WsWire.frame(dev.htmxws.net.WsWire.TEXT,
            NastyWsServers.filled(NastyWsServers.SIXTEEN_MIB));
        try (ScriptedServer server = new ScriptedServer(s -> {
            dev.htmxws.net.WsWire.accept(s);
            s.getOutputStream().write(frame);
            s.getOutputStream().flush();
            ScriptedServer.drain(s.getInputStream());
        })) {
            Path err = dir.resolve("tiny.err");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "listen", "--format", "text", "--no-reconnect", "--timeout", "30s",
                "ws://127.0.0.1:" + server.port() + "/")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            try {
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            String e = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(e).isEqualTo(ExitCode.IO);
            assertThat(e).as(e).contains("out of memory reading a message").contains("HTMXWS_JAVA_OPTS=-Xmx")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
        }
    }

    /** Prints how long listen takes over one 16 MiB HTML message, planned (no page) and swapped into a page. */
    @org.junit.jupiter.api.Test
    void aSixteenMebibyteMessageThroughListen() throws Exception {
        StringBuilder html = new StringBuilder(NastyWsServers.SIXTEEN_MIB);
        html.append("<div id=\"log\" hx-swap-oob=\"beforeend\">");
        String row = "<p class=\"row\">a row of a big message</p>";
        while (html.length() + row.length() + 6 <= NastyWsServers.SIXTEEN_MIB) {
            html.append(row);
        }
        html.append("</div>");
        byte[] frame = dev.htmxws.net.WsWire.frame(dev.htmxws.net.WsWire.TEXT,
            html.toString().getBytes(StandardCharsets.UTF_8));
        try (ScriptedServer server = new ScriptedServer(s -> {
            dev.htmxws.net.WsWire.accept(s);
            s.getOutputStream().write(frame);
            s.getOutputStream().flush();
            ScriptedServer.drain(s.getInputStream());
        })) {
            String url = "ws://127.0.0.1:" + server.port() + "/";
            Path page = dir.resolve("page.html");
            Files.writeString(page, "<!DOCTYPE html><html><body><div hx-ext=\"ws\" ws-connect=\"" + url
                + "\"><div id=\"log\"></div></div></body></html>");
            long t0 = System.nanoTime();
            CliResult plan = CliResult.run("listen", "--format", "text", "--count", "1", "--timeout", "60s", url);
            long planMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(plan.code()).as(plan.err()).isZero();
            assertThat(plan.out()).startsWith("#log beforeend  a row of a big message a row");
            long t1 = System.nanoTime();
            CliResult apply = CliResult.run("listen", "--format", "text", "--count", "1", "--timeout", "60s",
                "--select", "#log p:last-child", "--page", page.toString());
            long applyMs = (System.nanoTime() - t1) / 1_000_000;
            assertThat(apply.code()).as(apply.err()).isZero();
            assertThat(apply.out()).contains("#log p:last-child: a row of a big message");
            System.out.printf(Locale.ROOT,
                "listen: one 16 MiB message (%d rows) in %d ms planned, %d ms swapped into a page%n",
                (html.length() - 40) / row.length(), planMs, applyMs);
        }
    }

    private static void check(NastyWsServers.Case c, int code, String out, String err, boolean shows) {
        String all = "exit " + code + "\n--- stdout\n" + abbreviate(out) + "--- stderr\n" + err;
        assertThat(code).as(c + ": a documented exit code\n" + all).isIn(SERVER_CAUSED);
        List<String> lines = err.lines().toList();
        assertThat(lines).as(c + ": something is reported\n" + all).isNotEmpty();
        for (String line : lines) {
            assertThat(line).as(c + ": a report line, not a stack trace or a broken line\n" + all).matches(REPORT_LINE);
            assertThat(line.chars().filter(ch -> ch < 0x20 && ch != '\t')).as(c + ": no control characters\n" + all)
                .isEmpty();
        }
        assertThat(err).as(c + "\n" + all).doesNotContain("\tat ").doesNotContain("Caused by")
            .doesNotContain("internal error");
        if (shows) {
            assertThat(out + err).as(c + "\n" + all).contains(c.shows());
        }
        if (code == ExitCode.IO) {
            assertThat(err).as(c + ": exit 3 comes with an error line\n" + all)
                .containsPattern("(?m)^(error: |gave up |not reconnecting|htmxws |not sent|delivery uncertain: )");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + String.format(Locale.ROOT, "... (%d chars)%n", s.length())
            : s;
    }
}
