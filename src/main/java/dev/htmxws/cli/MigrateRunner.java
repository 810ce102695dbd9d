package dev.htmxws.cli;

import dev.htmxws.migrate.FileMigrator;
import dev.htmxws.migrate.MigrationRun;
import dev.htmxws.migrate.Target;
import dev.htmxws.migrate.TemplateFinder;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/** Runs a migration over the paths given, reporting each file as its turn comes (text or JSON), the summary last. */
final class MigrateRunner {

    record Settings(List<Path> paths, Target target, boolean write, boolean check, boolean json,
        List<String> includes, List<String> excludes, Charset charset, long maxSize, int jobs) {
    }

    private final Settings s;
    private final PrintWriter out;
    private final PrintWriter err;

    MigrateRunner(Settings s, PrintWriter out, PrintWriter err) {
        this.s = s;
        this.out = out;
        this.err = err;
    }

    int run() throws InterruptedException {
        if (s.jobs() < 1) {
            throw new UsageException("--jobs must be at least 1");
        }
        TemplateFinder finder;
        try {
            finder = new TemplateFinder(s.includes(), s.excludes());
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --include/--exclude glob: " + e.getMessage());
        }
        long started = System.nanoTime();
        List<TemplateFinder.Entry> entries = finder.find(s.paths());
        FileMigrator migrator = new FileMigrator(
            new FileMigrator.Options(s.target(), s.charset(), s.maxSize(), s.write()));
        MigrateTally tally = new MigrateTally(s.write(), s.check());
        MigrateReport report = report(entries.size());
        new MigrationRun(migrator, s.jobs()).run(entries, o -> {
            tally.add(o);
            report.file(o);
        });
        report.end(tally, (System.nanoTime() - started) / 1e9);
        return tally.exitCode();
    }

    private MigrateReport report(int total) {
        if (s.json()) {
            return new MigrateJsonReport(out, s.target().number(),
                s.write() ? "write" : s.check() ? "check" : "dry-run");
        }
        // progress only where a person watches a run that shows little else (a dry run prints every diff)
        boolean progress = System.console() != null && (s.check() || s.write());
        return new MigrateTextReport(out, err, s.write(), s.check(), progress ? total : 0);
    }
}
