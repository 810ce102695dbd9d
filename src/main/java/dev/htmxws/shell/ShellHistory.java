package dev.htmxws.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * JLine's history with two additions: every line is redacted ({@link Redactor}) before it is kept, so a
 * secret never reaches the file, and the file is deduplicated (the latest copy of a line stays) each time
 * it is written, which JLine otherwise only does when the file has grown past its size.
 */
final class ShellHistory extends DefaultHistory {

    private final Path file;

    /** @param file the history file, created (owner-only where the file system allows) if missing */
    ShellHistory(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            try {
                Files.createFile(file,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, Redactor.redact(line));
    }

    @Override
    public void save() throws IOException {
        super.save();
        if (Files.size(file) > 0) {
            trimHistory(file, DEFAULT_HISTORY_FILE_SIZE); // JLine's trim drops earlier copies of a line
        }
    }
}
