package dev.htmxws.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's counts against a tree whose mix is known: what was read (not a link, a temp file, a skipped binary
 * or a file outside the selection), what needs a change, what was written and how many edits that made, and the
 * findings by level, which are as many as the lines printed for each level.
 */
class MigrateCountsTest {

    /** Too long a name for the temp file beside it ({@code .NAME.DIGITS.htmxws.tmp}): its write fails, even as root. */
    private static final String UNWRITABLE = "l".repeat(240) + ".html";

    @TempDir
    Path dir;

    private Path tree;

    @BeforeEach
    void knownMix() throws IOException {
        tree = dir.resolve("tree");
        write("a.html", "<div hx-ws=\"connect:wss:/a\">\n  <form hx-ws=\"send\"></form>\n</div>\n"); // 2 edits, warning
        write("sub/b.jinja", "<form hx-ws=\"send:submit\"></form>\n"); // 1 edit, info
        write(UNWRITABLE, "<div hx-sse=\"connect:/long\"></div>\n"); // 1 edit; --write: write-failed error
        write("clean.html", "<p>plain</p>\n"); // read, nothing to do
        write("comment.html", "<!-- <div hx-ws=\"connect:/old\"> -->\n"); // info
        write("error.html", "<div hx-ws=\"close\"></div>\n"); // error, no edit
        Files.write(tree.resolve("latin1.html"), "<p hx-ws=\"send\">caf\u00e9</p>\n".getBytes(ISO_8859_1)); // error
        write("bin.html", "hx-ws=\u0000\u0001"); // binary: skipped
        write(".a.html.123456.htmxws.tmp", "left over"); // info (--write: removed), not a template
        Files.createSymbolicLink(tree.resolve("link.html"), tree.resolve("a.html")); // info, not read
        write("notes.txt", "<p hx-ws=\"send\"></p>\n"); // not a template name: not looked at
        write("node_modules/x/y.html", "<p hx-ws=\"send\"></p>\n"); // skipped folder
    }

    private void write(String name, String text) throws IOException {
        Path p = tree.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, UTF_8);
    }

    @Test
    void aDryRunCountsWhatItReadWhatWouldChangeAndEachLevel() throws IOException {
        CliResult r = CliResult.run("migrate", tree.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(summary(r)).matches("htmxws migrate: 7 files read, 3 would change \\(4 edits\\); 2 errors,"
            + " 1 warning, 4 infos; 1 file could not be processed; 1 binary skipped; \\d+\\.\\d\\d s\\."
            + " Dry run: nothing written \\(--write applies it\\)");
        assertThat(printedLevels(r)).isEqualTo(Map.of("error", 2, "info", 4, "warning", 1));
        assertThat(r.out().lines().filter(l -> l.startsWith("--- a/"))).hasSize(3);

        JsonNode s = json("migrate", "--format", "json", tree.toString());
        assertThat(s.toString()).isEqualTo("{\"files\":7,\"changed\":3,\"written\":0,\"edits\":4,\"errors\":2,"
            + "\"warnings\":1,\"infos\":4,\"failed\":1,\"skipped\":1}");
    }

    @Test
    void writeCountsOnlyTheEditsItWroteAndTheFailedWriteAsAnError() throws IOException {
        assumeTheTempFileNameIsTooLong();
        CliResult r = CliResult.run("migrate", "--write", tree.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(summary(r)).matches("htmxws migrate: 7 files read, 2 rewritten \\(3 edits\\); 3 errors,"
            + " 1 warning, 4 infos; 2 files could not be processed; 1 binary skipped; \\d+\\.\\d\\d s");
        assertThat(printedLevels(r)).isEqualTo(Map.of("error", 3, "info", 4, "warning", 1));
        assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.startsWith("rewrote "));
        assertThat(r.err()).contains(UNWRITABLE + ": error: could not be written").contains("[write-failed]");

        // left: the file that could not be written and the two errors; the warning, the temp file and its info are gone
        JsonNode s = json("migrate", "--write", "--format", "json", tree.toString());
        assertThat(s.toString()).isEqualTo("{\"files\":7,\"changed\":1,\"written\":0,\"edits\":0,\"errors\":3,"
            + "\"warnings\":0,\"infos\":2,\"failed\":2,\"skipped\":1}");
        CliResult check = CliResult.run("migrate", "--check", tree.toString());
        assertThat(summary(check)).startsWith("htmxws migrate: 7 files read, 1 would change (1 edit); 2 errors,"
            + " 0 warnings, 2 infos; 1 file could not be processed; 1 binary skipped;");
    }

    private void assumeTheTempFileNameIsTooLong() throws IOException {
        try {
            Files.delete(Files.createTempFile(tree, "." + UNWRITABLE + ".", ".htmxws.tmp"));
            Assumptions.abort("this file system takes names over 255 bytes");
        } catch (FileSystemException expected) {
            // File name too long: the write of UNWRITABLE fails the same way
        }
    }

    /** The last line on stderr, which must be the summary. */
    private static String summary(CliResult r) {
        var lines = r.err().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** How many findings stderr shows, by level. */
    private static Map<String, Integer> printedLevels(CliResult r) {
        Map<String, Integer> n = new TreeMap<>();
        r.err().lines().filter(l -> !l.startsWith("htmxws migrate: ")).forEach(l -> {
            String level = l.replaceFirst("^.*?: (error|warning|info): .*$", "$1");
            n.merge(level, 1, Integer::sum);
        });
        return n;
    }

    /** The JSON summary without its time. */
    private static JsonNode json(String... args) throws IOException {
        CliResult r = CliResult.run(args);
        assertThat(r.err()).as(r.toString()).isEmpty();
        ObjectNode s = (ObjectNode) new ObjectMapper().readTree(r.out()).get("summary");
        s.remove("seconds");
        return s;
    }
}
