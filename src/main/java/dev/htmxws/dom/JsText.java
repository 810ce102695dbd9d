package dev.htmxws.dom;

/** String helpers that behave like the JavaScript built-ins htmx relies on (they differ from Java's). */
public final class JsText {
    private JsText() {
    }

    /** {@code String.prototype.trim}: strips JS WhiteSpace and LineTerminator, which includes U+00A0 and U+FEFF. */
    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    public static boolean isJsWhitespace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0xA0
            || c == 0xFEFF || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** ASCII whitespace as the HTML and DOM specs define it (class tokens, canonical text collapsing). */
    public static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
