package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.migrate.FileMigrator;
import dev.htmxws.migrate.MigrationRun;
import dev.htmxws.migrate.Target;
import dev.htmxws.migrate.TemplateFinder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line of a long run on a terminal never runs into the lines printed after it. */
class MigrateTextReportTest {

    @TempDir
    Path dir;

    @Test
    void theProgressLineIsClearedBeforeAFileOrTheSummaryIsShown() throws IOException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            Files.writeString(dir.resolve(String.format("f%03d.html", i)),
                i == 550 ? "<p hx-ws=\"send\"></p>\n" : "<p></p>\n");
        }
        List<TemplateFinder.Entry> entries = new TemplateFinder(List.of(), List.of()).find(List.of(dir));
        StringWriter screen = new StringWriter();
        PrintWriter both = new PrintWriter(screen, true);
        MigrateTextReport report = new MigrateTextReport(both, both, false, true, entries.size());
        MigrateTally tally = new MigrateTally(false, true);
        FileMigrator fm = new FileMigrator(new FileMigrator.Options(Target.HTMX2, StandardCharsets.UTF_8,
            FileMigrator.Options.DEFAULT_MAX_SIZE, false));
        new MigrationRun(fm, 1).run(entries, o -> {
            tally.add(o);
            report.file(o);
        });
        report.end(tally, 0.5);
        assertThat(screen.toString()).isEqualTo("\rhtmxws migrate: 500/600 files\r\033[K"
            + "would rewrite " + dir.resolve("f550.html") + " (1 edit)\n"
            + "htmxws migrate: 600 files read, 1 would change (1 edit); 0 errors, 0 warnings, 0 infos; 0.50 s\n");
    }
}
