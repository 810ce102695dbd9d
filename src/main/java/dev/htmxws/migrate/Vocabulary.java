package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Attribute names the migration reads, and what htmx 4 calls them (docs/spec/protocol.md §4.3, §4.4). */
final class Vocabulary {

    /** Non-legacy attributes (without data-) that matter when an element is migrated. */
    static final Set<String> INTERESTING = Set.of(
        "hx-ext", "ws-connect", "ws-send", "sse-connect", "sse-close", "sse-swap",
        "hx-ws:connect", "hx-ws:send", "hx-sse:connect", "hx-sse:close",
        "hx-trigger", "hx-target", "hx-vals", "hx-headers");

    /** htmx 2 extension attributes and their htmx 4 names (data- forms keep their prefix). */
    static final Map<String, String> RENAMED_IN_4 = renamed();

    /** Why an attribute on a connect or send element needs a look after moving to htmx 4. */
    static final Map<String, String> CHANGED_IN_4 = Map.of(
        "hx-target", "htmx 4 reports it as HX-Target \"tag#id\" and swaps plain messages into it",
        "hx-vals",
        "htmx 4 no longer inherits it (write hx-vals:inherited on the ancestor) and only the element's own applies",
        "hx-headers", "htmx 4 does not send hx-headers over WebSocket at all (CSRF tokens sent this way are lost)");

    /**
     * True for a name a migration may add, remove or rename (data- forms included): where two start tags that browsers
     * merge into one element both carry such names, a rewrite of one could change which of them are live.
     */
    static boolean rewritable(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String base = key.startsWith("data-") ? key.substring(5) : key;
        return base.equals("hx-ws") || base.equals("hx-sse") || base.equals("hx-ext") || base.equals("sse-swap")
            || RENAMED_IN_4.containsKey(base) || RENAMED_IN_4.containsValue(base);
    }

    private Vocabulary() {
    }

    private static Map<String, String> renamed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ws-connect", "hx-ws:connect");
        m.put("ws-send", "hx-ws:send");
        m.put("sse-connect", "hx-sse:connect");
        m.put("sse-close", "hx-sse:close");
        return m;
    }

    /** The entries of an hx-ext value, trimmed, in order. */
    static List<String> extensions(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String t = part.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
