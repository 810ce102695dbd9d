package dev.htmxws.migrate;

import java.nio.charset.StandardCharsets;

/**
 * A cheap first look at a file's bytes: most templates hold no attribute of interest and need no parsing.
 * Matches ASCII case-insensitively, so it works on any ASCII-compatible encoding.
 */
final class Needles {

    private static final String[] HTMX2 = {"hx-ws", "hx-sse", "ws-connect", "sse-connect"};
    private static final String[] HTMX4 = {"hx-ws", "hx-sse", "ws-connect", "ws-send", "sse-connect", "sse-close",
        "sse-swap", "hx-ext", "htmx:ws", "htmx:sse", "::ws", "::sse", "-ws-", "-sse-"};

    private Needles() {
    }

    static byte[][] forTarget(Target t) {
        String[] words = t == Target.HTMX2 ? HTMX2 : HTMX4;
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    static boolean containsAny(byte[] b, int from, byte[][] needles) {
        boolean[] first = new boolean[128];
        for (byte[] needle : needles) {
            first[needle[0]] = true;
        }
        int n = b.length;
        for (int i = from; i < n; i++) {
            int c = b[i] | 0x20;
            if (c < 0 || !first[c]) {
                continue;
            }
            for (byte[] needle : needles) {
                if (c == needle[0] && matchesAt(b, i, needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesAt(byte[] b, int at, byte[] needle) {
        if (at + needle.length > b.length) {
            return false;
        }
        for (int k = 1; k < needle.length; k++) {
            int x = b[at + k];
            int y = needle[k];
            if (x != y && (x | 0x20) != y) {
                return false;
            }
        }
        return true;
    }

    static boolean containsAny(String text, byte[][] needles) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (byte[] needle : needles) {
            if (lower.contains(new String(needle, StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
