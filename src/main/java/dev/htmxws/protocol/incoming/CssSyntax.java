package dev.htmxws.protocol.incoming;

import java.util.Set;

/**
 * Decides whether a browser's {@code querySelectorAll} would accept a selector or throw a SyntaxError.
 * The exception matters: in H1/H2 it aborts the rest of the message (docs/spec/protocol.md §2.2, §2.3 step 5), and
 * jsoup's own selector parser is more lenient (it takes {@code 100ms} as a tag name).
 *
 * <p>Covers selector lists of compound selectors with combinators, type/universal, {@code #id},
 * {@code .class}, attribute selectors, pseudo-classes (unknown names are errors, as in Chromium) and
 * pseudo-elements. Function arguments are only checked for balance.
 */
final class CssSyntax {
    private CssSyntax() {
    }

    private static final Set<String> PSEUDO_CLASSES = Set.of("active", "any-link", "autofill", "checked",
        "closed", "default", "defined", "disabled", "empty", "enabled", "first", "first-child",
        "first-of-type", "focus", "focus-visible", "focus-within", "fullscreen", "host", "hover",
        "in-range", "indeterminate", "invalid", "last-child", "last-of-type", "link", "modal", "only-child",
        "only-of-type", "open", "optional", "out-of-range", "paused", "placeholder-shown", "playing",
        "popover-open", "read-only", "read-write", "required", "root", "scope", "target", "user-invalid",
        "user-valid", "valid", "visited", "left", "right");
    private static final Set<String> PSEUDO_FUNCTIONS = Set.of("not", "is", "where", "has", "nth-child",
        "nth-last-child", "nth-of-type", "nth-last-of-type", "lang", "dir", "host", "host-context", "state");

    static boolean isValid(String selector) {
        try {
            new Parser(selector).selectorList();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A CSS identifier as the tokenizer sees it (what {@code #x} needs to be an id selector). */
    static boolean isIdentifier(String s) {
        Parser p = new Parser(s);
        return p.startsIdent() && p.skipIdent() && p.pos == s.length();
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException fail() {
            return new IllegalArgumentException("invalid selector at " + pos + ": " + s);
        }

        char peek(int ahead) {
            int i = pos + ahead;
            return i < s.length() ? s.charAt(i) : '\0';
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        boolean ws() {
            int start = pos;
            while (!atEnd() && isWs(s.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }

        static boolean isWs(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        }

        static boolean nameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        }

        static boolean nameChar(char c) {
            return nameStart(c) || (c >= '0' && c <= '9') || c == '-';
        }

        boolean validEscape(int at) {
            return at + 1 < s.length() ? s.charAt(at) == '\\' && s.charAt(at + 1) != '\n'
                : at < s.length() && s.charAt(at) == '\\'; // a lone trailing backslash becomes U+FFFD
        }

        boolean startsIdent() {
            char c = peek(0);
            if (c == '-') {
                char d = peek(1);
                return nameStart(d) || d == '-' || validEscape(pos + 1);
            }
            return nameStart(c) || validEscape(pos);
        }

        /** Consumes name characters and escapes; false if nothing was consumed. */
        boolean skipIdent() {
            int start = pos;
            while (!atEnd()) {
                char c = s.charAt(pos);
                if (nameChar(c)) {
                    pos++;
                } else if (validEscape(pos)) {
                    pos += 2;
                    if (pos > s.length()) {
                        pos = s.length();
                    }
                } else {
                    break;
                }
            }
            return pos > start;
        }

        String ident() {
            if (!startsIdent()) {
                throw fail();
            }
            int start = pos;
            skipIdent();
            return s.substring(start, pos);
        }

        void selectorList() {
            do {
                ws();
                complex();
                ws();
            } while (consume(','));
            if (!atEnd()) {
                throw fail();
            }
        }

        boolean consume(char c) {
            if (peek(0) == c && !atEnd()) {
                pos++;
                return true;
            }
            return false;
        }

        void complex() {
            compound();
            while (true) {
                boolean sawWs = ws();
                char c = peek(0);
                if (atEnd() || c == ',' || c == ')') {
                    return;
                }
                if (c == '>' || c == '+' || c == '~') {
                    pos++;
                    ws();
                } else if (!sawWs) {
                    throw fail();
                }
                compound();
            }
        }

        void compound() {
            boolean any = false;
            if (peek(0) == '*') {
                pos++;
                any = true;
            } else if (startsIdent()) {
                ident();
                any = true;
            }
            while (!atEnd()) {
                char c = peek(0);
                if (c == '#') {
                    pos++;
                    ident(); // a hash token must be an identifier to be an id selector (#1x is not)
                } else if (c == '.') {
                    pos++;
                    ident();
                } else if (c == '[') {
                    attribute();
                } else if (c == ':') {
                    pseudo();
                } else {
                    break;
                }
                any = true;
            }
            if (!any) {
                throw fail();
            }
        }

        void attribute() {
            pos++; // [
            ws();
            ident();
            ws();
            char c = peek(0);
            if (c == ']') {
                pos++;
                return;
            }
            if (c == '=') {
                pos++;
            } else if ("~|^$*".indexOf(c) >= 0 && c != '\0' && peek(1) == '=') {
                pos += 2;
            } else {
                throw fail();
            }
            ws();
            c = peek(0);
            if (c == '"' || c == '\'') {
                string(c);
            } else {
                ident();
            }
            ws();
            if (peek(0) == 'i' || peek(0) == 's' || peek(0) == 'I' || peek(0) == 'S') {
                pos++;
                ws();
            }
            if (!consume(']')) {
                throw fail();
            }
        }

        void string(char quote) {
            pos++;
            while (!atEnd()) {
                char c = s.charAt(pos);
                if (c == '\\') {
                    pos += 2;
                    continue;
                }
                if (c == '\n') {
                    throw fail();
                }
                pos++;
                if (c == quote) {
                    return;
                }
            }
            // an unterminated string at the end of input is accepted by CSS parsing
        }

        void pseudo() {
            pos++; // :
            if (consume(':')) { // pseudo-element: accepted by querySelectorAll, matches nothing
                ident();
                if (consume('(')) {
                    balanced();
                }
                return;
            }
            String name = ident().toLowerCase(java.util.Locale.ROOT);
            if (consume('(')) {
                if (!PSEUDO_FUNCTIONS.contains(name)) {
                    throw fail();
                }
                balanced();
            } else if (!PSEUDO_CLASSES.contains(name)) {
                throw fail();
            }
        }

        void balanced() {
            int depth = 1;
            int start = pos;
            while (!atEnd()) {
                char c = s.charAt(pos);
                if (c == '"' || c == '\'') {
                    string(c);
                    continue;
                }
                pos++;
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    if (pos - 1 == start) {
                        throw fail(); // empty argument list
                    }
                    return;
                }
            }
            throw fail();
        }
    }
}
