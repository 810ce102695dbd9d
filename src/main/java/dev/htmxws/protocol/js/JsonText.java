package dev.htmxws.protocol.js;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON exactly as a browser's {@code JSON.stringify} writes it and {@code JSON.parse} reads it, so that a
 * frame built here is byte-identical to the one htmx sends.
 *
 * <p>Values: {@code null}, {@link Boolean}, {@link String}, {@link Number} (written as a JS double),
 * {@link List} (array), {@link Map} (a JS object), {@link JsValue} ({@code undefined}/function: omitted from
 * objects, {@code null} in arrays) and {@link JsFile} ({@code {}}).
 *
 * <p>Object key order follows JS rather than the Map blindly: keys that are array indices ("0", "7", …)
 * come first in ascending numeric order, then the other keys in insertion order, because that is how every
 * JS object enumerates its properties.
 */
public final class JsonText {
    private JsonText() {
    }

    public static String stringify(Object value) {
        return stringify(value, "");
    }

    /** {@code JSON.stringify(value, null, indent)}: one member per line, as a person reads it. */
    public static String stringify(Object value, String indent) {
        StringBuilder sb = new StringBuilder();
        if (!write(sb, value, indent, "")) {
            return null; // JSON.stringify(undefined) is undefined
        }
        return sb.toString();
    }

    /** Before each member of a non-empty array or object: nothing, or a new line and the indent. */
    private static void newLine(StringBuilder sb, String indent, String current) {
        if (!indent.isEmpty()) {
            sb.append('\n').append(current);
        }
    }

    /** @return false when the value is one JSON.stringify skips (undefined, function). */
    private static boolean write(StringBuilder sb, Object v, String indent, String outer) {
        String inner = outer + indent;
        if (v == null) {
            sb.append("null");
        } else if (v instanceof JsValue) {
            return false;
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Number n) {
            sb.append(JsNumber.toJson(n.doubleValue()));
        } else if (v instanceof JsFile) {
            sb.append("{}");
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newLine(sb, indent, inner);
                if (!write(sb, list.get(i), indent, inner)) {
                    sb.append("null");
                }
            }
            if (!list.isEmpty()) {
                newLine(sb, indent, outer);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (String key : jsKeyOrder(map)) {
                Object val = map.get(key);
                if (val instanceof JsValue) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newLine(sb, indent, inner);
                quote(sb, key);
                sb.append(indent.isEmpty() ? ":" : ": ");
                write(sb, val, indent, inner);
            }
            if (!first) {
                newLine(sb, indent, outer);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
        return true;
    }

    /** OrdinaryOwnPropertyKeys: integer-index keys ascending, then string keys in insertion order. */
    public static List<String> jsKeyOrder(Map<?, ?> map) {
        List<String> indices = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Object k : map.keySet()) {
            String key = (String) k;
            (isArrayIndex(key) ? indices : others).add(key);
        }
        indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        indices.addAll(others);
        return indices;
    }

    public static boolean isArrayIndex(String key) {
        if (key.isEmpty() || key.length() > 10) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        if (key.length() > 1 && key.charAt(0) == '0') {
            return false; // "01" is not canonical
        }
        return Long.parseLong(key) < 4294967295L;
    }

    /** QuoteJSONString (well-formed JSON.stringify, ES2019). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        hex(sb, c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            hex(sb, c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        hex(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void hex(StringBuilder sb, char c) {
        sb.append("\\u").append(String.format("%04x", (int) c));
    }

    /** Thrown where JS's JSON.parse throws a SyntaxError. */
    public static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    /**
     * JSON.parse: objects become insertion-ordered maps (a repeated key keeps the position of its first
     * occurrence and the last value), numbers become doubles, exactly as in JS.
     */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.pos != text.length()) {
            throw p.error("unexpected trailing text");
        }
        return v;
    }

    /**
     * How deep arrays and objects may nest. JSON.parse takes more; here deeper values are a SyntaxError, so that a
     * server's {@code hx-vals='{"a":[[[[…'} cannot overflow the stack of this parser, of HCON merging or of
     * serialising. No real hx-vals or hx-config comes near.
     */
    public static final int MAX_DEPTH = 200;

    private static final class Parser {
        private final String s;
        private int pos;
        private int depth;

        Parser(String s) {
            this.s = s;
        }

        SyntaxError error(String what) {
            return new SyntaxError(what + " at position " + pos);
        }

        void ws() {
            // JSON whitespace only: not the wider set JS's \s would accept
            while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        Object value() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                case '[':
                    if (++depth > MAX_DEPTH) {
                        throw error("nested deeper than " + MAX_DEPTH + " levels");
                    }
                    Object nested = c == '{' ? object() : array();
                    depth--;
                    return nested;
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) {
                throw error("bad literal");
            }
            pos += word.length();
            return v;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            ws();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                ws();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String k = string();
                ws();
                if (peek() != ':') {
                    throw error("expected ':'");
                }
                pos++;
                ws();
                m.put(k, value());
                ws();
                char c = peek();
                pos++;
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<>();
            pos++;
            ws();
            if (peek() == ']') {
                pos++;
                return l;
            }
            while (true) {
                ws();
                l.add(value());
                ws();
                char c = peek();
                pos++;
                if (c == ']') {
                    return l;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            return s.charAt(pos);
        }

        String string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("bad unicode escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad unicode escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        Double number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (peek() >= '1' && peek() <= '9') {
                digits();
            } else {
                throw error("bad number");
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) {
                    throw error("bad fraction");
                }
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) {
                    throw error("bad exponent");
                }
                digits();
            }
            return JsNumber.parse(s.substring(start, pos));
        }

        void digits() {
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
        }
    }
}
