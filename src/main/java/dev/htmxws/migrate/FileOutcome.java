package dev.htmxws.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one file.
 *
 * @param original the decoded text, when the file was parsed (null otherwise)
 * @param result   the migration of that text (null when the file was not parsed)
 * @param problems file-level findings: unreadable, undecodable, not written…
 * @param skipped  a binary file met while walking a folder
 */
public record FileOutcome(Path path, String original, TemplateMigrator.Result result, boolean written,
    List<Finding> problems, boolean skipped) {

    static FileOutcome clean(Path path) {
        return new FileOutcome(path, null, null, false, List.of(), false);
    }

    static FileOutcome skipped(Path path) {
        return new FileOutcome(path, null, null, false, List.of(), true);
    }

    static FileOutcome failed(Path path, Finding problem) {
        return new FileOutcome(path, null, null, false, List.of(problem), false);
    }

    static FileOutcome of(Path path, String original, TemplateMigrator.Result result, boolean written,
        List<Finding> problems) {
        return new FileOutcome(path, original, result, written, List.copyOf(problems), false);
    }

    public boolean changed() {
        return result != null && result.changed();
    }

    /** A file-level error: the file could not be read, decoded or written (exit code 3). */
    public boolean failed() {
        return problems.stream().anyMatch(f -> f.level() == Level.ERROR);
    }

    /** File-level problems first, then the findings inside the text. */
    public List<Finding> findings() {
        if (result == null || result.findings().isEmpty()) {
            return problems;
        }
        if (problems.isEmpty()) {
            return result.findings();
        }
        List<Finding> all = new ArrayList<>(problems);
        all.addAll(result.findings());
        return all;
    }

    public long count(Level level) {
        return findings().stream().filter(f -> f.level() == level).count();
    }
}
