package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.JsText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An htmx 1/2 swap specification ({@code getSwapSpecification}): the style is the first token unless that
 * token is a modifier; {@code swap:}/{@code settle:} go through {@code parseInterval} (unreadable means no
 * delay); scroll, show, focus-scroll and transition are read and have no effect on a page without a viewport.
 *
 * @param style       the swap style as written (innerHTML when none)
 * @param swapDelay   ms before the swap (0: at once)
 * @param settleDelay ms between the swap and the settle (20 by default)
 * @param ignoreTitle {@code ignoreTitle:true}/{@code false}, or null when not given
 * @param unknown     tokens htmx logs as "Unknown modifier in hx-swap"
 */
public record LegacySwapSpec(String style, long swapDelay, long settleDelay, Boolean ignoreTitle,
    List<String> unknown) {
    private static final String JS_WHITESPACE = "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]+";
    private static final Pattern FLOAT = Pattern.compile("^[+-]?(Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)");

    public LegacySwapSpec {
        unknown = List.copyOf(unknown);
    }

    /** The spec of {@code value} (an hx-swap or HX-Reswap value; null or blank means all defaults). */
    public static LegacySwapSpec parse(String value) {
        String style = "innerHTML";
        long swap = 0;
        long settle = 20;
        Boolean ignoreTitle = null;
        List<String> unknown = new ArrayList<>();
        String trimmed = value == null ? "" : JsText.trim(value);
        if (!trimmed.isEmpty()) {
            String[] tokens = trimmed.split(JS_WHITESPACE);
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                if (t.startsWith("swap:")) {
                    swap = delay(t.substring(5));
                } else if (t.startsWith("settle:")) {
                    settle = delay(t.substring(7));
                } else if (t.startsWith("ignoreTitle:")) {
                    ignoreTitle = t.substring(12).equals("true");
                } else if (t.startsWith("transition:") || t.startsWith("scroll:") || t.startsWith("show:")
                    || t.startsWith("focus-scroll:")) {
                    continue; // no viewport, no view transitions: nothing to do
                } else if (i == 0) {
                    style = t;
                } else {
                    unknown.add(t);
                }
            }
        }
        return new LegacySwapSpec(style, swap, settle, ignoreTitle, unknown);
    }

    /** parseInterval, then setTimeout's conversion: NaN/undefined and negatives mean "no delay". */
    static long delay(String s) {
        double v;
        if (s.endsWith("ms")) {
            v = parseFloat(s.substring(0, s.length() - 2));
        } else if (s.endsWith("s")) {
            v = parseFloat(s.substring(0, s.length() - 1)) * 1000;
        } else if (s.endsWith("m")) {
            v = parseFloat(s.substring(0, s.length() - 1)) * 60_000;
        } else {
            v = parseFloat(s);
        }
        return Double.isNaN(v) || v <= 0 ? 0 : (long) Math.min(v, Integer.MAX_VALUE);
    }

    /** JS parseFloat: the longest decimal literal at the start, after leading whitespace; NaN when none. */
    static double parseFloat(String s) {
        Matcher m = FLOAT.matcher(JsText.trim(s));
        if (!m.find()) {
            return Double.NaN;
        }
        String num = m.group();
        if (num.endsWith("Infinity")) {
            return num.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(num);
    }
}
