package dev.htmxws.protocol.incoming;

import dev.htmxws.protocol.js.Hcon;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An htmx 4 swap specification: style plus HCON modifiers (h4 › #parseSwapSpec). */
record SwapSpec(String style, Map<String, Object> modifiers) {
    private static final Pattern STARTS_WITH_KEY = Pattern.compile("^\\S*:");
    private static final Pattern STYLE_REST = Pattern.compile("^(\\S+)\\s*(.*)$", Pattern.DOTALL);

    static SwapSpec parse(String swapStr) {
        String s = swapStr.trim();
        String style = "innerHTML";
        if (!s.isEmpty() && !STARTS_WITH_KEY.matcher(s).find()) {
            Matcher m = STYLE_REST.matcher(s);
            if (m.matches()) {
                style = m.group(1);
                s = m.group(2);
            }
        }
        return new SwapSpec(normalizeStyle(style), Hcon.parse(s));
    }

    static String normalizeStyle(String style) {
        return switch (style) {
            case "before" -> "beforebegin";
            case "after" -> "afterend";
            case "prepend" -> "afterbegin";
            case "append" -> "beforeend";
            default -> style;
        };
    }

    boolean has(String key) {
        return modifiers.containsKey(key);
    }

    Object get(String key) {
        return modifiers.get(key);
    }

    /** {@code swapSpec.target} as a selector string, or null. */
    String target() {
        Object t = modifiers.get("target");
        return Hcon.truthy(t) ? t.toString() : null;
    }
}
