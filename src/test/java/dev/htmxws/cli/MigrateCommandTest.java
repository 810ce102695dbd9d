package dev.htmxws.cli;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code htmxws migrate} end to end on real files in a temporary tree. */
class MigrateCommandTest {

    private static final String LEGACY = "<div hx-ws=\"connect:/chat\">\n  <form hx-ws=\"send\">\n  </form>\n</div>\n";
    private static final String MIGRATED = "<div hx-ext=\"ws\" ws-connect=\"/chat\">\n  <form ws-send>\n  </form>\n</div>\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, UTF_8);
    }

    @Test
    void dryRunPrintsAnApplicableDiffAndWritesNothing() throws IOException {
        Path f = write("templates/chat.html", LEGACY);
        write("templates/clean.html", "<p>nothing here</p>\n");
        CliResult r = CliResult.run("migrate", dir.resolve("templates").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(read(f)).isEqualTo(LEGACY);
        assertThat(r.out()).startsWith("--- a/" + f).contains("+++ b/" + f)
            .contains("-<div hx-ws=\"connect:/chat\">").contains("+<div hx-ext=\"ws\" ws-connect=\"/chat\">");
        assertThat(DiffApplier.apply(LEGACY, r.out())).isEqualTo(MIGRATED);
        assertThat(r.err()).contains("2 files read, 1 would change (2 edits)").contains("Dry run");
    }

    @Test
    void writeRewritesInPlaceKeepingPermissions() throws IOException {
        Path f = write("a/chat.jinja", LEGACY);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        CliResult r = CliResult.run("migrate", "--write", dir.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(read(f)).isEqualTo(MIGRATED);
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(r.out()).contains("rewrote " + f + " (2 edits)");
        try (Stream<Path> left = Files.list(f.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("chat.jinja");
        }
        CliResult again = CliResult.run("migrate", "--check", dir.toString());
        assertThat(again.code()).as(again.toString()).isZero();
    }

    @Test
    void checkExitsOneWhenWorkIsLeftAndZeroWhenDone() throws IOException {
        write("x.html", LEGACY);
        CliResult r = CliResult.run("migrate", "--check", dir.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).contains("would rewrite");
        assertThat(read(dir.resolve("x.html"))).isEqualTo(LEGACY);
        write("x.html", MIGRATED);
        assertThat(CliResult.run("migrate", "--check", dir.toString()).code()).isZero();
    }

    @Test
    void anErrorFindingFailsEvenADryRunAndLeavesTheAttribute() throws IOException {
        Path f = write("x.html", "<ul hx-ws=\"close\"></ul>\n<div hx-ws=\"connect:/ok\"></div>\n");
        CliResult r = CliResult.run("migrate", "--write", f.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(read(f)).isEqualTo("<ul hx-ws=\"close\"></ul>\n<div hx-ext=\"ws\" ws-connect=\"/ok\"></div>\n");
        assertThat(r.err()).contains(f + ":1:5: error: unknown hx-ws token \"close\"").contains("[unknown-verb]");
    }

    @Test
    void jsonFormatReportsChangesAndFindings() throws IOException {
        Path f = write("x.html", "<p>\n<div hx-ws=\"connect:wss:/chatroom\"></div>\n");
        CliResult r = CliResult.run("migrate", "--format", "json", f.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("target").asInt()).isEqualTo(2);
        assertThat(root.get("mode").asText()).isEqualTo("dry-run");
        JsonNode file = root.get("files").get(0);
        assertThat(file.get("path").asText()).isEqualTo(f.toString());
        assertThat(file.get("status").asText()).isEqualTo("would-change");
        JsonNode change = file.get("changes").get(0);
        assertThat(change.get("line").asInt()).isEqualTo(2);
        assertThat(change.get("column").asInt()).isEqualTo(6);
        assertThat(change.get("before").asText()).isEqualTo("hx-ws=\"connect:wss:/chatroom\"");
        assertThat(change.get("after").asText()).isEqualTo("hx-ext=\"ws\" ws-connect=\"wss:/chatroom\"");
        JsonNode finding = file.get("findings").get(0);
        assertThat(finding.get("code").asText()).isEqualTo("url-prefix-form");
        assertThat(finding.get("level").asText()).isEqualTo("warning");
        assertThat(root.get("summary").get("changed").asInt()).isEqualTo(1);
    }

    @Test
    void crlfBomAndMissingFinalNewlineSurviveByteForByte() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = "<div hx-ws=\"connect:/c\">\r\n  é\r\n</div>";
        byte[] in = concat(bom, body.getBytes(UTF_8));
        Path f = write("crlf.html", in);
        assertThat(CliResult.run("migrate", "--write", f.toString()).code()).isZero();
        byte[] expected = concat(bom, "<div hx-ext=\"ws\" ws-connect=\"/c\">\r\n  é\r\n</div>".getBytes(UTF_8));
        assertThat(Files.readAllBytes(f)).isEqualTo(expected);
    }

    @Test
    void onlyCarriageReturnLineEndsAreKept() throws IOException {
        Path f = write("mac.html", "<p>\r<div hx-ws=\"send\">\r</div>\r");
        CliResult r = CliResult.run("migrate", "--write", "--format", "json", f.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(read(f)).isEqualTo("<p>\r<div ws-send>\r</div>\r");
        assertThat(new ObjectMapper().readTree(r.out()).get("files").get(0).get("changes").get(0).get("line").asInt())
            .isEqualTo(2);
    }

    @Test
    void utf16WithBomIsRewrittenInItsEncoding() throws IOException {
        byte[] in = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
            LEGACY.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        Path f = write("wide.html", in);
        assertThat(CliResult.run("migrate", "--write", f.toString()).code()).isZero();
        assertThat(Files.readAllBytes(f)).isEqualTo(
            concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                MIGRATED.getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
    }

    @Test
    void invalidUtf8IsRefusedUnlessTheCharsetIsGiven() throws IOException {
        byte[] latin1 = "<div hx-ws=\"send\">caf\u00e9</div>\n".getBytes(ISO_8859_1);
        Path f = write("latin1.html", latin1);
        CliResult r = CliResult.run("migrate", "--write", f.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).contains(f + ": error: is not valid UTF-8 (bad byte at offset 21)").contains("--charset")
            .contains("[decode-failed]");
        assertThat(Files.readAllBytes(f)).isEqualTo(latin1);
        CliResult ok = CliResult.run("migrate", "--write", "--charset", "ISO-8859-1", f.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(Files.readAllBytes(f)).isEqualTo("<div ws-send>caf\u00e9</div>\n".getBytes(ISO_8859_1));
    }

    @Test
    void binaryFilesAreSkippedInFoldersAndRefusedByName() throws IOException {
        byte[] bin = {'h', 'x', '-', 'w', 's', '=', 0, 1, 2, (byte) 0xFF};
        Path f = write("t/img.html", bin);
        CliResult walked = CliResult.run("migrate", dir.resolve("t").toString());
        assertThat(walked.code()).as(walked.toString()).isZero();
        assertThat(walked.err()).contains("1 binary skipped");
        CliResult named = CliResult.run("migrate", f.toString());
        assertThat(named.code()).isEqualTo(ExitCode.IO);
        assertThat(named.err()).contains("binary file").contains("[binary-file]");
        assertThat(Files.readAllBytes(f)).isEqualTo(bin);
    }

    @Test
    void emptyAndMissingFiles() throws IOException {
        Path empty = write("empty.html", "");
        CliResult r = CliResult.run("migrate", "--check", empty.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        CliResult missing = CliResult.run("migrate", dir.resolve("nope.html").toString(), empty.toString());
        assertThat(missing.code()).as("a path that is not there is bad input").isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).isEqualTo("htmxws migrate: error: " + dir.resolve("nope.html")
            + ": no such file or folder (see 'htmxws migrate --help')\n");
        assertThat(missing.out()).as("nothing read, nothing printed").isEmpty();
    }

    @Test
    void readOnlyFileIsReportedAndNotWritten() throws IOException {
        Path f = write("ro.html", LEGACY);
        Path other = write("rw.html", LEGACY);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
        CliResult r = CliResult.run("migrate", "--write", dir.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).contains("ro.html: error: is read-only").contains("[read-only]");
        assertThat(read(f)).isEqualTo(LEGACY);
        assertThat(read(other)).as("the others are still processed").isEqualTo(MIGRATED);
    }

    @Test
    void aFailedWriteLeavesTheOriginalIntact() throws IOException {
        Path sub = dir.resolve("locked");
        Path f = write("locked/x.html", LEGACY);
        // a folder without write permission: the temp file cannot be created, so nothing is replaced
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean rootCanStillWrite = Files.isWritable(sub) && canCreate(sub);
            CliResult r = CliResult.run("migrate", "--write", f.toString());
            if (rootCanStillWrite) {
                // running as root: permissions do not stop us, so the write goes through whole
                assertThat(r.code()).as(r.toString()).isZero();
                assertThat(read(f)).isEqualTo(MIGRATED);
            } else {
                assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
                assertThat(r.err()).contains("[write-failed]").contains("the original is unchanged");
                assertThat(read(f)).isEqualTo(LEGACY);
            }
            try (Stream<Path> left = Files.list(sub)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("x.html");
            }
        } finally {
            Files.setPosixFilePermissions(sub, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        }
    }

    private static boolean canCreate(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void symlinksAreNeverFollowedSoLoopsEnd() throws IOException {
        Path real = write("tree/a/x.html", LEGACY);
        Files.createSymbolicLink(dir.resolve("tree/a/loop"), dir.resolve("tree"));
        Files.createSymbolicLink(dir.resolve("tree/link.html"), real);
        CliResult r = CliResult.run("migrate", "--write", dir.resolve("tree").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("loop: info: is a symbolic link; not followed [symlink-skipped]")
            .contains("link.html: info: is a symbolic link; not followed");
        assertThat(read(real)).isEqualTo(MIGRATED);
        assertThat(Files.isSymbolicLink(dir.resolve("tree/link.html"))).isTrue();
        CliResult named = CliResult.run("migrate", "--write", dir.resolve("tree/link.html").toString());
        assertThat(named.code()).isEqualTo(ExitCode.IO);
        assertThat(named.err()).contains("is a symbolic link (to " + real + "); not followed");
    }

    @Test
    void foldersSelectTemplateFilesAndSkipBuildAndHiddenFolders() throws IOException {
        write("app/page.gohtml", LEGACY);
        write("app/readme.txt", LEGACY);
        write("app/notes.md", LEGACY);
        write("app/node_modules/lib/x.html", LEGACY);
        write("app/.cache/x.html", LEGACY);
        write("app/legacy/old.html", LEGACY);
        CliResult r = CliResult.run("migrate", "--check", "--include", "*.txt", "--exclude", "legacy",
            dir.resolve("app").toString());
        assertThat(r.out().lines().toList()).containsExactly(
            "would rewrite " + dir.resolve("app/page.gohtml") + " (2 edits)",
            "would rewrite " + dir.resolve("app/readme.txt") + " (2 edits)");
        CliResult named = CliResult.run("migrate", "--check", dir.resolve("app/notes.md").toString());
        assertThat(named.code()).as("a file named explicitly is read whatever its extension")
            .isEqualTo(ExitCode.FAILED);
    }

    @Test
    void aNameATemplateBuildsIsAnErrorThoughNoLegacyNameIsWrittenInTheFile() throws IOException {
        String jinja = "<div {{ 'hx-' ~ kind }}=\"connect:/chat/{{ room }}/\"></div>\n";
        String go = "<form hx-{{.Proto}}=\"send\"></form>\n";
        Path a = write("t/a.jinja", jinja);
        Path b = write("t/b.gohtml", go);
        CliResult r = CliResult.run("migrate", "--check", dir.resolve("t").toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(3).startsWith(
            a + ":1:6: error: {{ 'hx-' ~ kind }}=\"connect:/chat/{{ room }}/\": the attribute name is generated by a"
                + " template; left as is, migrate it by hand [generated-name]",
            b + ":1:7: error: hx-{{.Proto}}=\"send\": the attribute name is generated by a template; left as is,"
                + " migrate it by hand [generated-name]");
        assertThat(r.err()).contains("2 files read, 0 would change (0 edits); 2 errors, 0 warnings, 0 infos");
        assertThat(CliResult.run("migrate", "--write", dir.resolve("t").toString()).code()).isEqualTo(ExitCode.FAILED);
        assertThat(read(a)).isEqualTo(jinja);
        assertThat(read(b)).isEqualTo(go);
    }

    @Test
    void aLegacyAttributeBoundByTheTemplateIsAWarningLeftAsIsAndDoesNotFailCheck() throws IOException {
        String vue = "<template><div :hx-ws=\"wsAttr\" v-bind:hx-sse=\"src\"></div></template>\n";
        String thymeleaf = "<div th:attr=\"hx-ws=|connect:@{/chat}|\" x-bind:hx-ws=\"attr\"></div>\n";
        Path v = write("t/page.vue", vue);
        Path t = write("t/page.html", thymeleaf);
        CliResult r = CliResult.run("migrate", "--check", dir.resolve("t").toString());
        assertThat(r.code()).as("warnings do not change the exit code: %s", r).isZero();
        assertThat(r.err().lines()).containsExactly(
            t + ":1:15: warning: hx-ws is set by th:attr (Thymeleaf): its value is only known when the page renders,"
                + " so it is not rewritten; set ws-connect or ws-send (with hx-ext=\"ws\") by hand [bound-attribute]",
            t + ":1:41: warning: x-bind:hx-ws is bound by Alpine: its value is only known when the page renders, so it"
                + " is not rewritten; bind ws-connect or ws-send (with hx-ext=\"ws\") by hand [bound-attribute]",
            v + ":1:16: warning: :hx-ws is bound by Vue or Alpine: its value is only known when the page renders, so"
                + " it is not rewritten; bind ws-connect or ws-send (with hx-ext=\"ws\") by hand [bound-attribute]",
            v + ":1:32: warning: v-bind:hx-sse is bound by Vue: its value is only known when the page renders, so it"
                + " is not rewritten; bind sse-connect or sse-swap (with hx-ext=\"sse\") by hand [bound-attribute]",
            r.err().lines().reduce((x, y) -> y).orElseThrow());
        assertThat(r.err()).contains("2 files read, 0 would change (0 edits); 0 errors, 4 warnings, 0 infos");
        assertThat(CliResult.run("migrate", "--write", dir.resolve("t").toString()).code()).isZero();
        assertThat(read(v)).isEqualTo(vue);
        assertThat(read(t)).isEqualTo(thymeleaf);
    }

    @Test
    void tooLargeFilesAreRefusedWithTheLimitNamed() throws IOException {
        Path f = write("big.html", LEGACY.repeat(100));
        CliResult r = CliResult.run("migrate", "--max-size", "1K", f.toString());
        assertThat(r.code()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).contains("over the --max-size limit of 1024").contains("[too-large]");
    }

    @LongTest
    @Test
    void aFiftyMegabyteTemplateIsMigratedWhole() throws IOException {
        StringBuilder b = new StringBuilder(52 << 20);
        b.append("<div hx-ws=\"connect:/first\">\n");
        String filler = "<p class=\"row\">{{ item.name }} &amp; more text to make the file large</p>\n";
        while (b.length() < 50 << 20) {
            b.append(filler);
        }
        b.append("<form hx-ws=\"send\"></form></div>\n");
        Path f = write("huge.html", b.toString());
        CliResult r = CliResult.run("migrate", "--write", f.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        String out = read(f);
        assertThat(out).startsWith("<div hx-ext=\"ws\" ws-connect=\"/first\">\n")
            .endsWith("<form ws-send></form></div>\n");
        assertThat(out.length()).isEqualTo(b.length() - "hx-ws=\"connect:/first\"".length()
            + "hx-ext=\"ws\" ws-connect=\"/first\"".length() - "hx-ws=\"send\"".length() + "ws-send".length());
    }

    @Test
    void htmx4TargetRenamesHtmx2Attributes() throws IOException {
        Path f = write("h2.html", "<div hx-ext=\"ws\" ws-connect=\"/c\"><form ws-send></form></div>\n");
        CliResult r = CliResult.run("migrate", "--to", "4", "--write", f.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(read(f)).isEqualTo("<div hx-ws:connect=\"/c\"><form hx-ws:send></form></div>\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Applies a one-file unified diff, checking every context and removed line: a minimal patch(1). */
    static final class DiffApplier {
        static String apply(String original, String diff) {
            List<String> src = new ArrayList<>(List.of(original.split("\n", -1)));
            List<String> out = new ArrayList<>();
            int at = 0;
            for (String line : diff.split("\n")) {
                if (line.startsWith("---") || line.startsWith("+++") || line.startsWith("\\")) {
                    continue;
                }
                if (line.startsWith("@@")) {
                    int start = Integer.parseInt(line.replaceAll("^@@ -(\\d+).*", "$1"));
                    while (at < start - 1) {
                        out.add(src.get(at++));
                    }
                } else if (line.startsWith(" ") || line.startsWith("-")) {
                    if (!src.get(at).equals(line.substring(1))) {
                        throw new AssertionError("diff does not apply at line " + (at + 1) + ": " + line);
                    }
                    if (line.startsWith(" ")) {
                        out.add(src.get(at));
                    }
                    at++;
                } else if (line.startsWith("+")) {
                    out.add(line.substring(1));
                }
            }
            while (at < src.size()) {
                out.add(src.get(at++));
            }
            return String.join("\n", out);
        }
    }
}
