package dev.htmxws.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htmxws migrate} shows each file whole before the next one: its diff (or its {@code rewrote}/{@code would
 * rewrite} line), then its findings; the summary comes last. Checked on one terminal, where stdout only shows when
 * flushed and stderr at once, so a run that prints every diff at the end fails here.
 */
class MigrateOutputOrderTest {

    @TempDir
    Path dir;

    private Path a;
    private Path b;
    private Path d;

    /** a and b change and have findings, c is clean, d only has a finding: in the walk's order. */
    @BeforeEach
    void tree() throws IOException {
        a = write("a.html", "<div hx-ws=\"connect:wss:/a\">\n  <form hx-ws=\"send:submit\"></form>\n</div>\n");
        b = write("b.html", "<div hx-sse=\"connect:/b\">\n  <button hx-ws=\"close\">x</button>\n</div>\n");
        write("c.html", "<p>nothing</p>\n");
        d = write("d.html", "<!-- <div hx-ws=\"connect:/old\"> -->\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, UTF_8);
    }

    private List<String> findingsOfA() {
        return List.of(
            a + ":1:6: warning: URL \"wss:/a\" in hx-ws has a scheme without //: browsers read the next segment as the"
                + " host; kept verbatim, check it (a same-host path starts with /) [url-prefix-form]",
            a + ":2:9: info: \"send:submit\": the :submit part never had an effect in htmx 1; it is dropped"
                + " [send-event-ignored]");
    }

    private String findingOfB() {
        return b + ":2:11: error: unknown hx-ws token \"close\" (htmx 1 knows connect:URL and send); left as is"
            + " [unknown-verb]";
    }

    private String findingOfD() {
        return d + ":1:11: info: hx-ws in a comment, script, textarea, title or escaped text is not an attribute;"
            + " left as is [not-live]";
    }

    private List<String> dryRunScreen() {
        List<String> want = new ArrayList<>();
        want.addAll(List.of("--- a/" + a, "+++ b/" + a, "@@ -1,3 +1,3 @@",
            "-<div hx-ws=\"connect:wss:/a\">", "-  <form hx-ws=\"send:submit\"></form>",
            "+<div hx-ext=\"ws\" ws-connect=\"wss:/a\">", "+  <form ws-send></form>", " </div>"));
        want.addAll(findingsOfA());
        want.addAll(List.of("--- a/" + b, "+++ b/" + b, "@@ -1,3 +1,3 @@",
            "-<div hx-sse=\"connect:/b\">", "+<div hx-ext=\"sse\" sse-connect=\"/b\">",
            "   <button hx-ws=\"close\">x</button>", " </div>"));
        want.add(findingOfB());
        want.add(findingOfD());
        return want;
    }

    /** All lines but the summary, which must be the last one and match {@code summary} (its time varies). */
    private static void assertScreen(String screen, List<String> before, String summary) {
        List<String> lines = screen.lines().toList();
        assertThat(lines).as(screen).isNotEmpty();
        assertThat(lines.subList(0, lines.size() - 1)).as(screen).containsExactlyElementsOf(before);
        assertThat(lines.get(lines.size() - 1)).as("the summary is the last line").matches(summary);
    }

    @Test
    void aDryRunShowsEachFilesDiffThenItsFindingsAndTheSummaryLast() {
        OneTerminal t = OneTerminal.run("migrate", "-j", "2", dir.toString());
        assertThat(t.code()).as(t.toString()).isEqualTo(ExitCode.FAILED);
        assertScreen(t.screen(), dryRunScreen(), "htmxws migrate: 4 files read, 2 would change \\(3 edits\\); 1 error,"
            + " 1 warning, 2 infos; \\d+\\.\\d\\d s\\. Dry run: nothing written \\(--write applies it\\)");
    }

    @Test
    void writeShowsEachRewroteLineThenItsFindingsAndTheSummaryLast() {
        OneTerminal t = OneTerminal.run("migrate", "--write", dir.toString());
        assertThat(t.code()).as(t.toString()).isEqualTo(ExitCode.FAILED);
        List<String> want = new ArrayList<>();
        want.add("rewrote " + a + " (2 edits)");
        want.addAll(findingsOfA());
        want.add("rewrote " + b + " (1 edit)");
        want.add(findingOfB());
        want.add(findingOfD());
        assertScreen(t.screen(), want, "htmxws migrate: 4 files read, 2 rewritten \\(3 edits\\); 1 error, 1 warning,"
            + " 2 infos; \\d+\\.\\d\\d s");
    }

    @Test
    void checkShowsEachWouldRewriteLineThenItsFindingsAndTheSummaryLast() {
        OneTerminal t = OneTerminal.run("migrate", "--check", dir.toString());
        assertThat(t.code()).as(t.toString()).isEqualTo(ExitCode.FAILED);
        List<String> want = new ArrayList<>();
        want.add("would rewrite " + a + " (2 edits)");
        want.addAll(findingsOfA());
        want.add("would rewrite " + b + " (1 edit)");
        want.add(findingOfB());
        want.add(findingOfD());
        assertScreen(t.screen(), want, "htmxws migrate: 4 files read, 2 would change \\(3 edits\\); 1 error,"
            + " 1 warning, 2 infos; \\d+\\.\\d\\d s");
    }

    @Test
    void jsonListsTheFilesInWalkOrderAndTheSummaryLast() throws IOException {
        OneTerminal t = OneTerminal.run("migrate", "--format", "json", "-j", "2", dir.toString());
        assertThat(t.code()).as(t.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode root = new ObjectMapper().readTree(t.screen());
        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("target", "mode", "files", "summary");
        List<String> paths = new ArrayList<>();
        root.get("files").forEach(f -> paths.add(f.get("path").asText()));
        assertThat(paths).containsExactly(a.toString(), b.toString(), d.toString());
        assertThat(root.get("files").get(1).get("findings").get(0).get("code").asText()).isEqualTo("unknown-verb");
        assertThat(t.screen().indexOf("\"summary\"")).isGreaterThan(t.screen().lastIndexOf(d.toString()));
    }

    /** The same as a person sees it: a real htmxws process, its stderr merged into its stdout. */
    @LongTest
    @Test
    void aRealProcessWithStderrMergedIntoStdoutShowsTheSameOrder() throws Exception {
        Process p = new ProcessBuilder(ChildJvm.command(List.of(), "migrate", dir.toString()))
            .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String screen = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(screen).isEqualTo(ExitCode.FAILED);
        assertScreen(screen, dryRunScreen(), "htmxws migrate: 4 files read, 2 would change .*");
    }
}
