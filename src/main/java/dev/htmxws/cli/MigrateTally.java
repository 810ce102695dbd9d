package dev.htmxws.cli;

import dev.htmxws.migrate.FileOutcome;
import dev.htmxws.migrate.Finding;
import dev.htmxws.migrate.Level;
import java.util.Locale;

/** What a migrate run counted, file by file, and the summary line it ends with. */
final class MigrateTally {

    private final boolean write;
    private final boolean check;

    /** Files whose bytes were read (links, missing files, temp files and skipped binaries are not). */
    int files;
    /** Files that need a change (in --write: whether or not the write went through). */
    int changed;
    /** Files written back. */
    int written;
    /** Edits made (--write) or that would be made (dry run, --check). */
    int edits;
    /** Files with a file-level error: not read, decoded or written. */
    int failed;
    /** Binary files met while walking a folder. */
    int skipped;
    private final int[] levels = new int[Level.values().length];

    MigrateTally(boolean write, boolean check) {
        this.write = write;
        this.check = check;
    }

    void add(FileOutcome o) {
        if (o.skipped()) {
            skipped++;
            return;
        }
        if (o.read()) {
            files++;
        }
        if (o.changed()) {
            changed++;
            if (!write) {
                edits += o.result().edits().size();
            }
        }
        if (o.written()) {
            written++;
            edits += o.result().edits().size();
        }
        if (o.failed()) {
            failed++;
        }
        for (Finding f : o.findings()) {
            levels[f.level().ordinal()]++;
        }
    }

    int count(Level level) {
        return levels[level.ordinal()];
    }

    /** 0, or 1 for an error-level finding or (--check) work left, or 3 when a file could not be processed. */
    int exitCode() {
        if (failed > 0) {
            return ExitCode.IO;
        }
        if (count(Level.ERROR) > 0 || (check && changed > 0)) {
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    String summary(double seconds) {
        StringBuilder b = new StringBuilder("htmxws migrate: ");
        b.append(plural(files, "file")).append(" read, ");
        b.append(write ? written + " rewritten" : changed + " would change");
        b.append(" (").append(plural(edits, "edit")).append("); ");
        b.append(plural(count(Level.ERROR), "error")).append(", ").append(plural(count(Level.WARNING), "warning"))
            .append(", ").append(plural(count(Level.INFO), "info"));
        if (failed > 0) {
            b.append("; ").append(plural(failed, "file")).append(" could not be processed");
        }
        if (skipped > 0) {
            b.append("; ").append(skipped).append(" binary skipped");
        }
        b.append(String.format(Locale.ROOT, "; %.2f s", seconds));
        if (!write && !check && changed > 0) {
            b.append(". Dry run: nothing written (--write applies it)");
        }
        return b.toString();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
