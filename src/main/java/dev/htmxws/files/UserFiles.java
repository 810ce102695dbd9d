package dev.htmxws.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The files a user names on the command line or in the shell (reports, certificates, recordings), checked before
 * anything connects, and what went wrong with one said in words rather than as the bare path the JDK's exceptions
 * carry.
 */
public final class UserFiles {

    private UserFiles() {
    }

    /** Why {@code file} cannot be created or replaced, or null when it can (as far as can be told before writing). */
    public static String whyNotWritable(Path file) {
        if (Files.isDirectory(file)) {
            return "a folder, not a file";
        }
        if (Files.exists(file)) {
            return Files.isWritable(file) ? null : "not writable (permission denied)";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.exists(parent)) {
            return "the folder " + parent + " does not exist";
        }
        if (!Files.isDirectory(parent)) {
            return parent + " is not a folder";
        }
        return Files.isWritable(parent) ? null : "the folder " + parent + " is not writable (permission denied)";
    }

    /** Why {@code file} cannot be read, or null when it can. */
    public static String whyNotReadable(Path file) {
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (Files.isDirectory(file)) {
            return "a folder, not a file";
        }
        return Files.isReadable(file) ? null : "not readable (permission denied)";
    }

    /** An I/O failure on a file in words: "the folder /x does not exist", not "/x/report.xml". */
    public static String why(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            Path p = Path.of(f.getFile());
            String reason = e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NotDirectoryException ? "not a folder"
                        : e instanceof FileAlreadyExistsException ? "already exists"
                            : f.getReason() != null ? f.getReason().toLowerCase(java.util.Locale.ROOT)
                                : "cannot be used";
            if (e instanceof NoSuchFileException && p.toAbsolutePath().getParent() != null
                && !Files.exists(p.toAbsolutePath().getParent())) {
                return f.getFile() + ": the folder " + p.toAbsolutePath().getParent() + " does not exist";
            }
            return f.getFile() + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
