package dev.htmxws.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.htmxws.migrate.Edit;
import dev.htmxws.migrate.FileOutcome;
import dev.htmxws.migrate.Finding;
import dev.htmxws.migrate.Level;
import dev.htmxws.migrate.LineIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The JSON report on stdout: one document whose {@code files} are written as their turn comes, in the order of the
 * walk, and whose {@code summary} comes last.
 */
final class MigrateJsonReport implements MigrateReport {

    private final PrintWriter out;
    private final JsonGenerator g;

    MigrateJsonReport(PrintWriter out, int target, String mode) {
        this.out = out;
        try {
            g = new JsonFactory().createGenerator(out);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("target", target);
            g.writeStringField("mode", mode);
            g.writeArrayFieldStart("files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only files with something to say are listed; the summary counts the rest. */
    @Override
    public void file(FileOutcome o) {
        if (!o.changed() && o.findings().isEmpty()) {
            return;
        }
        try {
            g.writeStartObject();
            g.writeStringField("path", o.path().toString());
            g.writeStringField("status",
                o.failed() ? "failed" : o.changed() ? (o.written() ? "rewritten" : "would-change") : "unchanged");
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

    @Override
    public void end(MigrateTally t, double seconds) {
        try {
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", t.files);
            g.writeNumberField("changed", t.changed);
            g.writeNumberField("written", t.written);
            g.writeNumberField("edits", t.edits);
            g.writeNumberField("errors", t.count(Level.ERROR));
            g.writeNumberField("warnings", t.count(Level.WARNING));
            g.writeNumberField("infos", t.count(Level.INFO));
            g.writeNumberField("failed", t.failed);
            g.writeNumberField("skipped", t.skipped);
            g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
