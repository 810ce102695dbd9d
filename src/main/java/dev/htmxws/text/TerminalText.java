package dev.htmxws.text;

/** Text from a server made safe to print on a terminal. */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * One line that cannot drive a terminal: a server's close reason or frame may hold line breaks and escape
     * sequences (clear the screen, set the title). Line breaks and tabs become spaces, other control characters
     * U+FFFD.
     */
    public static String line(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (b != null) {
                b.append(!control ? c : c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0b ? ' ' : '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }
}
