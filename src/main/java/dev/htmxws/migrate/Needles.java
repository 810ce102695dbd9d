package dev.htmxws.migrate;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A cheap first look at a file's bytes: most templates hold no attribute of interest and need no parsing.
 * Each word is anchored on its '-' or ':' (rare bytes in text, unlike letters) and matched ASCII
 * case-insensitively, so the scan works on any ASCII-compatible encoding.
 */
final class Needles {

    /**
     * "hx-" right before a template construct or a string quote: the start of a name a template builds
     * ({@code hx-{{ kind }}}, {@code {{ 'hx-' ~ kind }}}), which may render hx-ws or hx-sse with no such word in the file.
     */
    private static final String[] BUILT = {"hx-{", "hx-<", "hx-$", "hx-@", "hx-%", "hx-'", "hx-\""};
    private static final String[] HTMX2 = concat(new String[] {"hx-ws", "hx-sse", "ws-connect", "sse-connect"}, BUILT);
    private static final String[] HTMX4 = concat(new String[] {"hx-ws", "hx-sse", "ws-connect", "ws-send",
        "sse-connect", "sse-close", "sse-swap", "hx-ext", "htmx:ws", "htmx:sse", "::ws", "::sse", "-ws-", "-sse-"},
        BUILT);

    private final byte[][] words;
    private final int[] anchors;

    private Needles(String[] words) {
        this.words = new byte[words.length][];
        this.anchors = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            this.words[i] = words[i].getBytes(StandardCharsets.US_ASCII);
            int dash = words[i].indexOf('-');
            int colon = words[i].indexOf(':');
            this.anchors[i] = dash < 0 ? colon : colon < 0 ? dash : Math.min(dash, colon);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static Needles forTarget(Target t) {
        return new Needles(t == Target.HTMX2 ? HTMX2 : HTMX4);
    }

    boolean foundIn(byte[] b, int from) {
        int n = b.length;
        for (int i = from; i < n; i++) {
            byte c = b[i];
            if (c != '-' && c != ':') {
                continue;
            }
            for (int w = 0; w < words.length; w++) {
                int start = i - anchors[w];
                if (words[w][anchors[w]] == c && start >= from && matchesAt(b, start, words[w])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] b, int at, byte[] word) {
        if (at + word.length > b.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            int x = b[at + k];
            int y = word[k];
            if (x != y && ((x | 0x20) != y || y < 'a' || y > 'z')) {
                return false;
            }
        }
        return true;
    }

    boolean foundIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (byte[] w : words) {
            if (lower.contains(new String(w, StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
