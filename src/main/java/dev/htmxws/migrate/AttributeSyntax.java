package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Attribute boundaries in a start tag, read the way the HTML tokenizer reads them. jsoup gives the name's
 * range; this gives the rest ({@code =}, quotes, an empty value) exactly, on the masked text.
 */
final class AttributeSyntax {

    /**
     * @param valueStart first char of the value (after an opening quote); equals valueEnd when empty
     * @param quote      the quote char, or 0 for an unquoted or missing value
     * @param hasValue   whether an {@code =} follows the name
     * @param end        end of the whole attribute (after a closing quote)
     */
    record Span(String name, int nameStart, int nameEnd, int valueStart, int valueEnd, char quote,
        boolean hasValue, int end) {
    }

    private AttributeSyntax() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** Reads what follows an attribute name that ends at {@code nameEnd}. */
    static Span afterName(String s, int nameStart, int nameEnd) {
        int n = s.length();
        int i = nameEnd;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        String name = s.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        if (i >= n || s.charAt(i) != '=') {
            return new Span(name, nameStart, nameEnd, nameEnd, nameEnd, (char) 0, false, nameEnd);
        }
        i++;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            char q = s.charAt(i);
            int close = s.indexOf(q, i + 1);
            if (close < 0) {
                close = n;
            }
            return new Span(name, nameStart, nameEnd, i + 1, close, q, true, Math.min(n, close + 1));
        }
        int j = i;
        while (j < n && !isSpace(s.charAt(j)) && s.charAt(j) != '>') {
            j++;
        }
        return new Span(name, nameStart, nameEnd, i, j, (char) 0, true, j);
    }

    /** Every attribute of the start tag that begins with {@code <} at {@code tagStart}, duplicates included. */
    static List<Span> startTag(String s, int tagStart) {
        List<Span> out = new ArrayList<>();
        int n = s.length();
        int i = tagStart + 1;
        while (i < n && !isSpace(s.charAt(i)) && s.charAt(i) != '/' && s.charAt(i) != '>') {
            i++;
        }
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c) || c == '/') {
                i++;
                continue;
            }
            if (c == '>') {
                break;
            }
            int nameStart = i++;
            while (i < n) {
                char d = s.charAt(i);
                if (isSpace(d) || d == '/' || d == '>' || d == '=') {
                    break;
                }
                i++;
            }
            Span span = afterName(s, nameStart, i);
            out.add(span);
            i = Math.max(span.end(), i);
        }
        return out;
    }
}
