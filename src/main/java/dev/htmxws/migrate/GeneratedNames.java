package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Attribute names that a template builds and that render {@code hx-ws} or {@code hx-sse}: {@code hx-{{ kind
 * }}="connect:/x"}, {@code {{ 'hx-' ~ kind }}="send"}, {@code {{if .SSE}}hx-sse{{else}}hx-ws{{end}}="…"}. The HTML
 * parser sees only pieces of such a name (or none), so they are read from the text: template constructs and name
 * characters with no space between them, then {@code =}, in a start tag. A name counts when its source mentions
 * {@code hx-ws} or {@code hx-sse}, or mentions {@code hx-} and its value is in the htmx 1 grammar ({@code connect:},
 * {@code send}, {@code swap:}): {@code hx-{{ method }}="{{ url }}"} is an {@code hx-get} or {@code hx-post}.
 */
final class GeneratedNames {

    /**
     * @param start   first char of the name as written, template constructs included
     * @param nameEnd end of the name
     * @param end     end of the attribute, value included
     */
    record Name(int start, int nameEnd, int end) {
        boolean contains(int pos) {
            return start <= pos && pos < nameEnd;
        }
    }

    private GeneratedNames() {
    }

    /**
     * @param inStartTag true for a place among the attributes of a start tag (not in a value)
     */
    static List<Name> find(TemplateMask mask, IntPredicate inStartTag) {
        String text = mask.text();
        List<Name> out = new ArrayList<>();
        int done = 0;
        for (TemplateMask.Region r : mask.regions()) {
            if (r.kind() == TemplateMask.Kind.COMMENT || r.start() < done) {
                continue;
            }
            int start = extendLeft(mask, r.start());
            int end = extendRight(mask, r.end());
            done = end;
            Name n = named(mask, start, end, inStartTag);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private static Name named(TemplateMask mask, int start, int end, IntPredicate inStartTag) {
        String text = mask.text();
        AttributeSyntax.Span span = AttributeSyntax.afterName(mask.masked(), start, end);
        if (!span.hasValue() || literalTailIsLegacyName(mask, start, end)) {
            return null;
        }
        String name = text.substring(start, end).toLowerCase(Locale.ROOT);
        boolean legacy = mentionsLegacyName(name) || (name.contains("hx-") && legacyGrammar(mask, span));
        // the start tag test last: it is the costly one, and most names a template builds are not of interest
        return legacy && inStartTag.test(start) ? new Name(start, end, span.end()) : null;
    }

    /**
     * True when the name ends with a whole legacy name after its last construct ({@code {% if a %}hx-ws=…}): the
     * parser sees that attribute, and the live-attribute rules decide (a conditional wraps a rewrite; a construct
     * printing a value right before it makes a generated name).
     */
    private static boolean literalTailIsLegacyName(TemplateMask mask, int start, int end) {
        int tail = end;
        while (tail > start && mask.regionAt(tail - 1) == null) {
            tail--;
        }
        String literal = mask.text().substring(tail, end).toLowerCase(Locale.ROOT);
        String base = literal.startsWith("data-") ? literal.substring(5) : literal;
        return base.equals("hx-ws") || base.equals("hx-sse");
    }

    /** {@code hx-ws} or {@code hx-sse} as a whole name (not the start of {@code hx-ws:connect} or {@code hx-sse-x}). */
    private static boolean mentionsLegacyName(String name) {
        for (String legacy : new String[] {"hx-ws", "hx-sse"}) {
            for (int at = name.indexOf(legacy); at >= 0; at = name.indexOf(legacy, at + 1)) {
                int after = at + legacy.length();
                if (after >= name.length() || !continuesName(name.charAt(after))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean continuesName(char c) {
        return Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.';
    }

    /** The value's first token is an htmx 1 one, written out (not printed by a construct). */
    private static boolean legacyGrammar(TemplateMask mask, AttributeSyntax.Span span) {
        String text = mask.text();
        int i = span.valueStart();
        while (i < span.valueEnd() && AttributeSyntax.isSpace(text.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < span.valueEnd() && !AttributeSyntax.isSpace(text.charAt(j))) {
            j++;
        }
        String token = text.substring(i, j);
        int colon = token.indexOf(':');
        if (token.isEmpty() || mask.intersects(i, colon < 0 ? j : i + colon)) {
            return false; // the verb itself is printed by the template
        }
        return token.startsWith("connect:") || token.startsWith("swap:") || token.equals("send")
            || token.startsWith("send:");
    }

    private static int extendLeft(TemplateMask mask, int from) {
        String text = mask.text();
        int i = from;
        while (i > 0) {
            TemplateMask.Region before = mask.regionEndingAt(i);
            if (before != null) {
                if (before.kind() == TemplateMask.Kind.COMMENT) {
                    break;
                }
                i = before.start();
            } else if (isNameChar(text.charAt(i - 1))) {
                i--;
            } else {
                break;
            }
        }
        return i;
    }

    private static int extendRight(TemplateMask mask, int from) {
        String text = mask.text();
        int i = from;
        while (i < text.length()) {
            TemplateMask.Region at = mask.regionStartingAt(i);
            if (at != null) {
                if (at.kind() == TemplateMask.Kind.COMMENT) {
                    break;
                }
                i = at.end();
            } else if (isNameChar(text.charAt(i))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** A character the HTML tokenizer keeps in an attribute name. */
    private static boolean isNameChar(char c) {
        return !AttributeSyntax.isSpace(c) && "\"'<>=/`".indexOf(c) < 0;
    }
}
