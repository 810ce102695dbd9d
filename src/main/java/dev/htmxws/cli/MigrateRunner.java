package dev.htmxws.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.htmxws.migrate.Edit;
import dev.htmxws.migrate.FileMigrator;
import dev.htmxws.migrate.FileOutcome;
import dev.htmxws.migrate.Finding;
import dev.htmxws.migrate.Level;
import dev.htmxws.migrate.LineIndex;
import dev.htmxws.migrate.MigrationRun;
import dev.htmxws.migrate.Target;
import dev.htmxws.migrate.TemplateFinder;
import dev.htmxws.migrate.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/** Runs a migration over the paths given and reports it as text or JSON. */
final class MigrateRunner {

    record Settings(List<Path> paths, Target target, boolean write, boolean check, boolean json,
        List<String> includes, List<String> excludes, Charset charset, long maxSize, int jobs) {
    }

    private final Settings s;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean progress;

    private int files;
    private int changed;
    private int edits;
    private int written;
    private int failed;
    private int skipped;
    private final long[] levels = new long[Level.values().length];

    MigrateRunner(Settings s, PrintWriter out, PrintWriter err) {
        this.s = s;
        this.out = out;
        this.err = err;
        this.progress = System.console() != null && !s.json() && (s.check() || s.write());
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
        JsonGenerator json = s.json() ? startJson() : null;
        int total = entries.size();
        new MigrationRun(migrator, s.jobs()).run(entries, o -> {
            count(o);
            if (json != null) {
                jsonFile(json, o);
            } else {
                text(o);
            }
            if (progress && files % 500 == 0) {
                err.print("\rhtmxws migrate: " + files + "/" + total + " files");
                err.flush();
            }
        });
        if (progress && files >= 500) {
            err.print("\r\033[K");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json != null) {
            endJson(json, seconds);
        } else {
            err.println(summary(seconds));
        }
        out.flush();
        err.flush();
        if (failed > 0) {
            return ExitCode.IO;
        }
        if (levels[Level.ERROR.ordinal()] > 0 || (s.check() && changed > 0)) {
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    private void count(FileOutcome o) {
        if (o.skipped()) {
            skipped++;
            return;
        }
        files++;
        if (o.changed()) {
            changed++;
            edits += o.result().edits().size();
        }
        if (o.written()) {
            written++;
        }
        if (o.failed()) {
            failed++;
        }
        for (Finding f : o.findings()) {
            levels[f.level().ordinal()]++;
        }
    }

    // ---------------------------------------------------------------- text

    private void text(FileOutcome o) {
        String path = o.path().toString();
        if (o.changed()) {
            if (s.write()) {
                if (o.written()) {
                    out.println("rewrote " + path + " (" + plural(o.result().edits().size(), "edit") + ")");
                }
            } else if (s.check()) {
                out.println("would rewrite " + path + " (" + plural(o.result().edits().size(), "edit") + ")");
            } else {
                out.print(UnifiedDiff.render(path, o.original(), o.result().edits()));
            }
        }
        for (Finding f : o.findings()) {
            if (f.line() > 0) {
                err.println(path + ":" + f.line() + ":" + f.column() + ": " + f.level().label() + ": " + f.message()
                    + " [" + f.code() + "]");
            } else {
                err.println(path + ": " + f.level().label() + ": " + f.message() + " [" + f.code() + "]");
            }
        }
    }

    private String summary(double seconds) {
        StringBuilder b = new StringBuilder("htmxws migrate: ");
        b.append(plural(files, "file")).append(" read");
        if (s.write()) {
            b.append(", ").append(written).append(" rewritten");
        } else {
            b.append(", ").append(changed).append(" would change");
        }
        b.append(" (").append(plural(edits, "edit")).append("); ");
        b.append(plural((int) levels[0], "error")).append(", ").append(plural((int) levels[1], "warning"))
            .append(", ").append(plural((int) levels[2], "info"));
        if (failed > 0) {
            b.append("; ").append(plural(failed, "file")).append(" could not be processed");
        }
        if (skipped > 0) {
            b.append("; ").append(skipped).append(" binary skipped");
        }
        b.append(String.format(java.util.Locale.ROOT, "; %.2f s", seconds));
        if (!s.write() && !s.check() && changed > 0) {
            b.append(". Dry run: nothing written (--write applies it)");
        }
        return b.toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- json

    private JsonGenerator startJson() {
        try {
            JsonGenerator g = new JsonFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("target", s.target().number());
            g.writeStringField("mode", s.write() ? "write" : s.check() ? "check" : "dry-run");
            g.writeArrayFieldStart("files");
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only files with something to say are listed; the summary counts the rest. */
    private void jsonFile(JsonGenerator g, FileOutcome o) {
        if (!o.changed() && o.findings().isEmpty()) {
            return;
        }
        try {
            g.writeStartObject();
            g.writeStringField("path", o.path().toString());
            g.writeStringField("status",
                o.failed() ? "failed" : o.changed() ? (o.written() ? "rewritten" : "would-change")
                    : "unchanged");
            g.writeArrayFieldStart("changes");
            if (o.changed()) {
                LineIndex lines = new LineIndex(o.original());
                for (Edit e : o.result().edits()) {
                    g.writeStartObject();
                    g.writeNumberField("line", lines.line(e.start()));
                    g.writeNumberField("column", lines.column(e.start()));
                    g.writeStringField("before", o.original().substring(e.start(), e.end()));
                    g.writeStringField("after", e.replacement());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : o.findings()) {
                g.writeStartObject();
                if (f.line() > 0) {
                    g.writeNumberField("line", f.line());
                    g.writeNumberField("column", f.column());
                }
                g.writeStringField("level", f.level().label());
                g.writeStringField("code", f.code());
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void endJson(JsonGenerator g, double seconds) {
        try {
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", files);
            g.writeNumberField("changed", changed);
            g.writeNumberField("written", written);
            g.writeNumberField("edits", edits);
            g.writeNumberField("errors", levels[0]);
            g.writeNumberField("warnings", levels[1]);
            g.writeNumberField("infos", levels[2]);
            g.writeNumberField("failed", failed);
            g.writeNumberField("skipped", skipped);
            g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
