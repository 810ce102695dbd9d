package dev.htmxws.protocol.js;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * htmx 4's HCON mini language ({@code k:v num:5 flag}, or JSON when it starts with "{"), ported from
 * {@code htmx.org@4.0.1 dist/htmx.js › HCON}. Values are JSON-parsed when possible ("5" → 5, "true" → true),
 * a bare key means {@code true}, a bare dotted key nests.
 */
public final class Hcon {
    private Hcon() {
    }

    // JS \s is wider than Java's: spell it out.
    private static final String WS = "\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private static final Pattern PAIR = Pattern.compile(
        "(?:\"([^\"]+)\"|'([^']+)'|([^" + WS + ",:]+))(?:[" + WS + "]*:[" + WS
            + "]*(?:\"([^\"]*)\"|'([^']*)'|<((?:[^/]|/(?!>))+)/>|([^"
            + WS + ",]+)))?(?=[" + WS + "]|,|$)");
    private static final Pattern SPLIT = Pattern.compile(
        ",(?![^\\[]*\\])(?![^(]*\\))(?![^<]*/>)(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)");

    /**
     * HCON.parse; throws {@link JsonText.SyntaxError} where JSON.parse would throw, and for a dotted key nested
     * deeper than {@link JsonText#MAX_DEPTH} (merging recurses per level).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String s) {
        if (s == null || s.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (s.startsWith("{")) {
            Object v = JsonText.parse(s);
            return v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(s);
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String raw = firstNonNull(m.group(4), m.group(5), m.group(6), m.group(7), "true");
            Object value = jsTrim(raw);
            try {
                value = JsonText.parse((String) value);
            } catch (JsonText.SyntaxError ignored) {
                // stays a string, as in htmx
            }
            Map<String, Object> pair = new LinkedHashMap<>();
            if (m.group(3) != null && key.contains(".")) {
                String[] segs = key.split("\\.", -1);
                if (segs.length > JsonText.MAX_DEPTH) { // HCON.merge recurses per level
                    throw new JsonText.SyntaxError("the key " + key.substring(0, 40) + "... nests " + segs.length
                        + " levels, deeper than " + JsonText.MAX_DEPTH);
                }
                Object acc = value;
                for (int i = segs.length - 1; i >= 0; i--) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put(segs[i], acc);
                    acc = o;
                }
                pair = (Map<String, Object>) acc;
            } else {
                pair.put(key, value);
            }
            merge(pair, result);
        }
        return result;
    }

    /** HCON.merge: deep merge of plain objects, skipping prototype-polluting keys. */
    @SuppressWarnings("unchecked")
    public static void merge(Map<String, Object> source, Map<String, Object> target) {
        for (Map.Entry<String, Object> e : source.entrySet()) {
            String key = e.getKey();
            if (List.of("__proto__", "constructor", "prototype").contains(key)) {
                continue;
            }
            Object val = e.getValue();
            if (val instanceof Map && target.get(key) instanceof Map) {
                merge((Map<String, Object>) val, (Map<String, Object>) target.get(key));
            } else {
                target.put(key, val);
            }
        }
    }

    /** HCON.split: top-level commas (not inside [], (), <…/>, quotes). */
    public static String[] split(String s) {
        return SPLIT.split(s, -1);
    }

    private static String firstNonNull(String... xs) {
        for (String x : xs) {
            if (x != null) {
                return x;
            }
        }
        return null;
    }

    /** String.prototype.trim (JS whitespace and line terminators). */
    public static String jsTrim(String s) {
        return s.replaceAll("^[" + WS + "]+|[" + WS + "]+$", "");
    }

    /** JavaScript truthiness of a parsed HCON value. */
    public static boolean truthy(Object v) {
        if (v == null || v == JsValue.UNDEFINED) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        return !v.toString().isEmpty();
    }

    /** htmx's parseInterval: {@code 100ms}, {@code 1s}, {@code 2m} or a number of milliseconds; unknown is 0. */
    public static double intervalMs(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v == null) {
            return 0;
        }
        String t = v.toString().trim();
        try {
            if (t.endsWith("ms")) {
                return Double.parseDouble(t.substring(0, t.length() - 2));
            }
            if (t.endsWith("s")) {
                return Double.parseDouble(t.substring(0, t.length() - 1)) * 1000;
            }
            if (t.endsWith("m")) {
                return Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000;
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
