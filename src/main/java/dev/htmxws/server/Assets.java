package dev.htmxws.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Local copies of htmx and the ws extension, for offline use ({@code --assets DIR}). DIR holds
 * {@code htmx.min.js} (or {@code htmx.js}: from {@code node_modules/htmx.org/dist/}) and {@code ws.js} (from
 * {@code node_modules/htmx-ext-ws/dist/} or the package root); the page loads them as
 * {@code /assets/htmx.min.js} and {@code /assets/ws.js}. Other files directly in DIR are served under
 * {@code /assets/} too (no sub-folders, no hidden files, no links).
 */
public final class Assets {

    public static final String HTMX_URL = "/assets/htmx.min.js";
    public static final String WS_URL = "/assets/ws.js";
    /** The official CDN copies the pages load by default: htmx 2.0.8 and htmx-ext-ws 2.0.4 (its classic script). */
    public static final String HTMX_CDN = "https://unpkg.com/htmx.org@2.0.8/dist/htmx.min.js";
    public static final String WS_CDN = "https://unpkg.com/htmx-ext-ws@2.0.4/dist/ws.js";

    private static final List<String> HTMX_NAMES = List.of("htmx.min.js", "htmx.js");
    private static final List<String> WS_NAMES = List.of("ws.js", "ws.min.js");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final Path dir;
    private final Path htmx;
    private final Path ws;

    private Assets(Path dir, Path htmx, Path ws) {
        this.dir = dir;
        this.htmx = htmx;
        this.ws = ws;
    }

    /** Checks DIR; a missing folder or script is an {@link IOException} that says what to copy where. */
    public static Assets of(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("--assets " + dir + ": not a folder");
        }
        Path htmx = first(dir, HTMX_NAMES);
        Path ws = first(dir, WS_NAMES);
        if (htmx == null) {
            throw new IOException("--assets " + dir + ": no htmx.min.js (or htmx.js) there; copy"
                + " node_modules/htmx.org/dist/htmx.min.js (htmx 2) into it");
        }
        if (ws == null) {
            throw new IOException("--assets " + dir + ": no ws.js (or ws.min.js) there; copy"
                + " node_modules/htmx-ext-ws/dist/ws.js into it");
        }
        return new Assets(dir, htmx, ws);
    }

    private static Path first(Path dir, List<String> names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p) && Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The file behind /assets/NAME, or null. */
    Path file(String name) {
        if (name.equals("htmx.min.js")) {
            return htmx;
        }
        if (name.equals("ws.js")) {
            return ws;
        }
        if (!SAFE_NAME.matcher(name).matches()) {
            return null;
        }
        Path p = dir.resolve(name);
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? p : null;
    }
}
