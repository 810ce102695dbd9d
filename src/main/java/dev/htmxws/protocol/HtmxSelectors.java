package dev.htmxws.protocol;

import java.util.ArrayList;
import java.util.List;

/** The text rules of htmx's extended selectors, shared by what is sent (hx-include, hx-target) and received. */
public final class HtmxSelectors {

    private HtmxSelectors() {
    }

    /** htmx 2 querySelectorAllExt's split: commas outside {@code <…/>}; an empty last part is dropped. */
    public static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int chevrons = 0;
        int offset = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == ',' && chevrons == 0) {
                parts.add(selector.substring(offset, i));
                offset = i + 1;
                continue;
            }
            if (c == '<') {
                chevrons++;
            } else if (c == '/' && i < selector.length() - 1 && selector.charAt(i + 1) == '>') {
                chevrons--;
            }
        }
        if (offset < selector.length()) {
            parts.add(selector.substring(offset));
        }
        return parts;
    }

    /** htmx normalizeSelector: trim, and {@code <sel/>} becomes {@code sel}. */
    public static String normalize(String s) {
        String t = s.trim();
        if (t.startsWith("<") && t.endsWith("/>")) {
            return t.substring(1, t.length() - 2);
        }
        return t;
    }
}
