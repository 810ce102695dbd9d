package dev.htmxws.migrate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Migrates one file on disk: reads it whole, decodes it strictly, rewrites it in memory and, when asked,
 * replaces it atomically (temp file in the same folder, fsync, rename), keeping its permissions. A file is
 * written whole or not at all.
 */
public final class FileMigrator {

    /**
     * @param charset charset of files without a BOM
     * @param maxSize larger files are refused
     * @param write   replace changed files (otherwise a dry run)
     */
    public record Options(Target target, Charset charset, long maxSize, boolean write) {
        public static final long DEFAULT_MAX_SIZE = 64L << 20;
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] UTF16BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final int BINARY_PROBE = 8192;

    private final Options options;
    private final TemplateMigrator migrator;
    private final Needles needles;

    public FileMigrator(Options options) {
        this.options = options;
        this.migrator = new TemplateMigrator(options.target());
        this.needles = Needles.forTarget(options.target());
    }

    /**
     * The temp file {@link #writeAtomically} writes next to a file before renaming it over the file: it stays only
     * when the process is killed in between, and then the file itself is whole, old or new.
     */
    public static boolean isTempFile(Path path) {
        return TEMP_NAME.matcher(path.getFileName().toString()).matches();
    }

    /** {@code .NAME.DIGITS.htmxws.tmp}, as {@link Files#createTempFile} makes it below. */
    private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern
        .compile("\\..+\\.\\d+\\.htmxws\\.tmp");

    /** A temp file an interrupted run left: removed by a run that writes, reported by the others. */
    private FileOutcome staleTempFile(Path path) {
        if (!options.write()) {
            return FileOutcome.notATemplate(path, Finding.ofFile(Level.INFO, "stale-temp-file",
                "a temp file left by an interrupted migrate --write (the file it was for is whole); --write removes it"));
        }
        try {
            Files.deleteIfExists(path);
            return FileOutcome.notATemplate(path, Finding.ofFile(Level.INFO, "stale-temp-file",
                "removed: a temp file left by an interrupted migrate --write (the file it was for is whole)"));
        } catch (IOException e) {
            return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "write-failed",
                "a temp file left by an interrupted migrate --write could not be removed: " + reason(e)));
        }
    }

    public FileOutcome migrate(Path path, boolean explicit) {
        if (isTempFile(path) && !Files.isSymbolicLink(path)) {
            return staleTempFile(path);
        }
        List<Finding> problems = new ArrayList<>(1);
        try {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
            if (before.isSymbolicLink()) {
                return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "symlink",
                    "is a symbolic link (to " + Files.readSymbolicLink(path)
                        + "); not followed: name its target instead"));
            }
            if (!before.isRegularFile()) {
                return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "read-failed",
                    "is not a regular file; name template files or folders"));
            }
            if (before.size() > options.maxSize()) {
                return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "too-large", "is " + before.size()
                    + " bytes, over the --max-size limit of " + options.maxSize() + "; raise --max-size to read it"));
            }
            byte[] bytes = Files.readAllBytes(path);
            byte[] bom = bomOf(bytes);
            Charset charset = charsetFor(bom);
            boolean asciiCompatible = bom != UTF16LE_BOM && bom != UTF16BE_BOM;
            if (asciiCompatible && looksBinary(bytes)) {
                return explicit
                    ? FileOutcome.refused(path, Finding.ofFile(Level.ERROR, "binary-file",
                        "holds NUL bytes: a binary file, not a template; left as is"))
                    : FileOutcome.skipped(path);
            }
            if (asciiCompatible && !needles.foundIn(bytes, bom.length)) {
                return FileOutcome.clean(path);
            }
            String text;
            try {
                text = decodeStrictly(bytes, bom.length, charset);
            } catch (DecodeException e) {
                return FileOutcome.refused(path, Finding.ofFile(Level.ERROR, "decode-failed", "is not valid "
                    + charset.name() + " (bad byte at offset " + e.offset
                    + "); not rewritten: pass --charset NAME if it is"
                    + " another encoding"));
            }
            if (!asciiCompatible && !needles.foundIn(text)) {
                return FileOutcome.clean(path);
            }
            TemplateMigrator.Result result = migrator.migrate(text);
            if (!result.changed()) {
                return FileOutcome.migrated(path, text, result, false, problems);
            }
            if (!options.write() && isUnicode(charset)) {
                return FileOutcome.migrated(path, text, result, false, problems); // nothing to encode
            }
            byte[] out;
            try {
                out = encode(result.output(), bom, charset, bytes, text);
            } catch (CharacterCodingException e) {
                return FileOutcome.refused(path, Finding.ofFile(Level.ERROR, "decode-failed", "does not round-trip"
                    + " through " + charset.name() + " byte for byte; not rewritten"));
            }
            boolean written = false;
            if (options.write()) {
                Finding f = writeAtomically(path, out, before);
                if (f != null) {
                    problems.add(f);
                } else {
                    written = true;
                }
            }
            return FileOutcome.migrated(path, text, result, written, problems);
        } catch (NoSuchFileException e) {
            return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "read-failed",
                "no such file (it may have been removed during the run)"));
        } catch (AccessDeniedException e) {
            return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "read-failed",
                "permission denied; check the file's permissions"));
        } catch (IOException | OutOfMemoryError e) {
            return FileOutcome.failed(path, Finding.ofFile(Level.ERROR, "read-failed", "cannot be read: " + reason(e)));
        }
    }

    static String reason(Throwable e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Charset charsetFor(byte[] bom) {
        if (bom == UTF8_BOM) {
            return StandardCharsets.UTF_8;
        }
        if (bom == UTF16LE_BOM) {
            return StandardCharsets.UTF_16LE;
        }
        if (bom == UTF16BE_BOM) {
            return StandardCharsets.UTF_16BE;
        }
        return options.charset();
    }

    private static byte[] bomOf(byte[] b) {
        if (startsWith(b, UTF8_BOM)) {
            return UTF8_BOM;
        }
        if (startsWith(b, UTF16LE_BOM)) {
            return UTF16LE_BOM;
        }
        if (startsWith(b, UTF16BE_BOM)) {
            return UTF16BE_BOM;
        }
        return new byte[0];
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean looksBinary(byte[] b) {
        int n = Math.min(b.length, BINARY_PROBE);
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static final class DecodeException extends Exception {
        private static final long serialVersionUID = 1L;
        final long offset;

        DecodeException(long offset) {
            super(null, null, false, false);
            this.offset = offset;
        }
    }

    private static String decodeStrictly(byte[] bytes, int from, Charset charset) throws DecodeException {
        CharsetDecoder dec = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer
            .allocate((int) Math.ceil((bytes.length - from) * (double) dec.maxCharsPerByte()) + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            throw new DecodeException(in.position());
        }
        r = dec.flush(out);
        if (r.isError()) {
            throw new DecodeException(in.position());
        }
        out.flip();
        return out.toString();
    }

    /** The new bytes: BOM as it was, then the text; refuses a charset that would not give back the original. */
    private static byte[] encode(String output, byte[] bom, Charset charset, byte[] original, String decoded)
        throws CharacterCodingException {
        if (!isUnicode(charset)) {
            byte[] again = encodeStrictly(decoded, charset);
            if (!Arrays.equals(again, 0, again.length, original, bom.length, original.length)) {
                throw new CharacterCodingException();
            }
        }
        byte[] body = encodeStrictly(output, charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    private static byte[] encodeStrictly(String s, Charset charset) throws CharacterCodingException {
        ByteBuffer b = charset.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(s));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Charsets whose decoding and encoding are exact inverses for valid input. */
    private static boolean isUnicode(Charset c) {
        return c.equals(StandardCharsets.UTF_8) || c.equals(StandardCharsets.UTF_16LE)
            || c.equals(StandardCharsets.UTF_16BE);
    }

    /** Replaces the file with {@code bytes}, or leaves it untouched and says why. */
    private static Finding writeAtomically(Path path, byte[] bytes, BasicFileAttributes before) {
        Path dir = path.toAbsolutePath().getParent();
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS);
        Path tmp = null;
        try {
            Set<PosixFilePermission> perms = posix == null ? null : posix.readAttributes().permissions();
            if (perms != null && !perms.contains(PosixFilePermission.OWNER_WRITE)) {
                return Finding.ofFile(Level.ERROR, "read-only",
                    "is read-only; not written (make it writable to migrate it)");
            }
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".htmxws.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (perms != null) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (now.size() != before.size() || !now.lastModifiedTime().equals(before.lastModifiedTime())
                || now.isSymbolicLink()) {
                return Finding.ofFile(Level.ERROR, "changed-during-run",
                    "changed on disk while it was being migrated; not written: run migrate again");
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDirectory(dir);
            return null;
        } catch (NoSuchFileException e) {
            return Finding.ofFile(Level.ERROR, "changed-during-run",
                "was removed while it was being migrated; not recreated");
        } catch (IOException e) {
            return Finding.ofFile(Level.ERROR, "write-failed", "could not be written (" + reason(e)
                + "); the original is unchanged");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original is intact either way
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not every file system lets a directory be synced; the rename itself is atomic
        }
    }
}
