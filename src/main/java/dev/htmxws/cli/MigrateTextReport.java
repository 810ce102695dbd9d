package dev.htmxws.cli;

import dev.htmxws.migrate.FileOutcome;
import dev.htmxws.migrate.Finding;
import dev.htmxws.migrate.UnifiedDiff;
import java.io.PrintWriter;

/**
 * The text report: per file, its diff (or its {@code rewrote}/{@code would rewrite} line) on stdout, then its findings
 * on stderr; the summary last. Both streams are flushed after each file, so a terminal or a {@code 2>&1} log shows
 * them in that order: stdout is buffered until flushed, stderr is not.
 */
final class MigrateTextReport implements MigrateReport {

    private static final int PROGRESS_EVERY = 500;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean write;
    private final boolean check;
    /** A {@code N/TOTAL files} line on stderr, for long runs on a terminal; 0: none. */
    private final int progressTotal;
    private int seen;
    private boolean progressShown;

    MigrateTextReport(PrintWriter out, PrintWriter err, boolean write, boolean check, int progressTotal) {
        this.out = out;
        this.err = err;
        this.write = write;
        this.check = check;
        this.progressTotal = progressTotal;
    }

    @Override
    public void file(FileOutcome o) {
        seen++;
        String head = head(o);
        if (head != null || !o.findings().isEmpty()) {
            clearProgress();
            if (head != null) {
                out.print(head);
                out.flush();
            }
            for (Finding f : o.findings()) {
                err.println(line(o, f));
            }
            err.flush();
        }
        if (progressTotal > 0 && seen % PROGRESS_EVERY == 0) {
            err.print("\rhtmxws migrate: " + seen + "/" + progressTotal + " files");
            err.flush();
            progressShown = true;
        }
    }

    @Override
    public void end(MigrateTally tally, double seconds) {
        clearProgress();
        out.flush();
        err.println(tally.summary(seconds));
        err.flush();
    }

    /** What stdout says about the file, whole lines, or null. */
    private String head(FileOutcome o) {
        if (!o.changed()) {
            return null;
        }
        String path = o.path().toString();
        String edits = MigrateTally.plural(o.result().edits().size(), "edit");
        if (write) {
            return o.written() ? "rewrote " + path + " (" + edits + ")" + System.lineSeparator() : null;
        }
        if (check) {
            return "would rewrite " + path + " (" + edits + ")" + System.lineSeparator();
        }
        return UnifiedDiff.render(path, o.original(), o.result().edits());
    }

    private static String line(FileOutcome o, Finding f) {
        String where = f.line() > 0 ? o.path() + ":" + f.line() + ":" + f.column() : o.path().toString();
        return where + ": " + f.level().label() + ": " + f.message() + " [" + f.code() + "]";
    }

    /** The progress line has no newline: anything printed next would continue it. */
    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
            progressShown = false;
        }
    }
}
