package dev.htmxws.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one file.
 *
 * @param read     the file's bytes were read: false for a link, a missing file, one that could not be opened and
 *                 a temp file of an interrupted run (none of them is a template that was looked at)
 * @param original the decoded text, when the file was parsed (null otherwise)
 * @param result   the migration of that text (null when the file was not parsed)
 * @param problems file-level findings: unreadable, undecodable, not written…
 * @param skipped  a binary file met while walking a folder
 */
public record FileOutcome(Path path, boolean read, String original, TemplateMigrator.Result result, boolean written,
    List<Finding> problems, boolean skipped) {

    /** Read, and nothing of interest in it. */
    static FileOutcome clean(Path path) {
        return new FileOutcome(path, true, null, null, false, List.of(), false);
    }

    static FileOutcome skipped(Path path) {
        return new FileOutcome(path, false, null, null, false, List.of(), true);
    }

    /** Could not be read (or is not a file to read); {@code problem} says why. */
    static FileOutcome failed(Path path, Finding problem) {
        return new FileOutcome(path, false, null, null, false, List.of(problem), false);
    }

    /** Read, then refused as a whole: binary, not decodable, not encodable back byte for byte. */
    static FileOutcome refused(Path path, Finding problem) {
        return new FileOutcome(path, true, null, null, false, List.of(problem), false);
    }

    /** Not a template: a link left alone or a temp file of an interrupted run, with what was done about it. */
    static FileOutcome notATemplate(Path path, Finding note) {
        return new FileOutcome(path, false, null, null, false, List.of(note), false);
    }

    /** Read, decoded and migrated in memory ({@code written}: and written back). */
    static FileOutcome migrated(Path path, String original, TemplateMigrator.Result result, boolean written,
        List<Finding> problems) {
        return new FileOutcome(path, true, original, result, written, List.copyOf(problems), false);
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
