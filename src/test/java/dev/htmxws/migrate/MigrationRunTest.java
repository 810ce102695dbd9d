package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that change between the walk and their turn: reported, never half-written, the others done. */
class MigrationRunTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatVanishesOrTurnsReadOnlyMidRunIsReportedAndTheRestIsMigrated() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path f = dir.resolve("t" + (i < 10 ? "0" : "") + i + ".html");
            Files.writeString(f, "<div hx-ws=\"connect:/c" + i + "\"></div>\n");
            files.add(f);
        }
        List<TemplateFinder.Entry> entries = new TemplateFinder(List.of(), List.of()).find(List.of(dir));
        assertThat(entries).hasSize(20);
        Files.delete(files.get(3));
        Files.setPosixFilePermissions(files.get(7), PosixFilePermissions.fromString("r--r--r--"));

        FileMigrator fm = new FileMigrator(new FileMigrator.Options(Target.HTMX2, StandardCharsets.UTF_8,
            FileMigrator.Options.DEFAULT_MAX_SIZE, true));
        List<FileOutcome> outcomes = new ArrayList<>();
        new MigrationRun(fm, 2).run(entries, outcomes::add);

        assertThat(outcomes).extracting(o -> o.path().getFileName().toString())
            .as("in walk order").isSorted().hasSize(20);
        assertThat(outcomes.get(3).problems()).singleElement().extracting(Finding::code).isEqualTo("read-failed");
        assertThat(outcomes.get(7).problems()).singleElement().extracting(Finding::code).isEqualTo("read-only");
        assertThat(Files.readString(files.get(7))).isEqualTo("<div hx-ws=\"connect:/c7\"></div>\n");
        assertThat(Files.exists(files.get(3))).as("not recreated").isFalse();
        for (int i : new int[] {0, 1, 2, 4, 5, 6, 8, 19}) {
            assertThat(Files.readString(files.get(i)))
                .isEqualTo("<div hx-ext=\"ws\" ws-connect=\"/c" + i + "\"></div>\n");
        }
        try (var left = Files.list(dir)) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("no temp files left")
                .isEmpty();
        }
    }

    @Test
    void outcomesKeepTheirOrderWhateverTheThreadCount() throws IOException, InterruptedException {
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve(String.format("f%03d.html", i)),
                i % 3 == 0 ? "<p hx-ws=\"send\"></p>" : "<p></p>");
        }
        List<TemplateFinder.Entry> entries = new TemplateFinder(List.of(), List.of()).find(List.of(dir));
        FileMigrator fm = new FileMigrator(
            new FileMigrator.Options(Target.HTMX2, StandardCharsets.UTF_8, 1 << 20, false));
        List<String> one = new ArrayList<>();
        List<String> four = new ArrayList<>();
        new MigrationRun(fm, 1).run(entries, o -> one.add(o.path() + ":" + o.changed()));
        new MigrationRun(fm, 4).run(entries, o -> four.add(o.path() + ":" + o.changed()));
        assertThat(four).isEqualTo(one).hasSize(50);
        assertThat(one.stream().filter(s -> s.endsWith("true"))).hasSize(17);
    }
}
