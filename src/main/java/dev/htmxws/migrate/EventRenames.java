package dev.htmxws.migrate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * htmx 2 ws/sse event names that htmx 4 renamed (docs/spec/protocol.md §4.3), found anywhere in a file: in JS
 * ({@code htmx:wsOpen}), kebab twins ({@code htmx:ws-open}) and hx-on attribute forms ({@code hx-on::ws-open},
 * {@code hx-on-htmx-ws-open}, {@code hx-on--ws-open}).
 */
final class EventRenames {

    private static final Map<String, String> NEW_NAMES = Map.ofEntries(
        Map.entry("wsConnecting", "htmx:ws:before:connection"),
        Map.entry("wsOpen", "htmx:ws:after:connection"),
        Map.entry("wsClose", "htmx:ws:close"),
        Map.entry("wsError", "htmx:ws:error"),
        Map.entry("wsConfigSend", "htmx:ws:before:message:outgoing"),
        Map.entry("wsBeforeSend", "htmx:ws:before:message:outgoing"),
        Map.entry("wsAfterSend", "htmx:ws:after:message:outgoing"),
        Map.entry("wsBeforeMessage", "htmx:ws:before:message:incoming"),
        Map.entry("wsAfterMessage", "htmx:ws:after:message:incoming"),
        Map.entry("sseOpen", "htmx:sse:after:connection"),
        Map.entry("sseError", "htmx:sse:error"),
        Map.entry("sseBeforeMessage", "htmx:sse:before:message"),
        Map.entry("sseMessage", "htmx:sse:after:message"),
        Map.entry("sseClose", "htmx:sse:close"));

    /** Old name folded (lower case, no dashes) to its camel-case spelling. */
    private static final Map<String, String> BY_FOLDED = fold();

    private static final Pattern OLD_EVENT = Pattern.compile(
        "(?i)(?:htmx:|::|hx-on-htmx-|hx-on--)((?:ws|sse)[a-z-]*[a-z])");

    private EventRenames() {
    }

    private static Map<String, String> fold() {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (String k : NEW_NAMES.keySet()) {
            m.put(k.toLowerCase(Locale.ROOT), k);
        }
        return Map.copyOf(m);
    }

    record Hit(int offset, String written, String oldName, String newName) {
    }

    static void scan(String text, Consumer<Hit> sink) {
        if (!text.contains("ws") && !text.contains("sse") && !text.contains("WS") && !text.contains("SSE")) {
            return;
        }
        Matcher m = OLD_EVENT.matcher(text);
        while (m.find()) {
            String folded = m.group(1).replace("-", "").toLowerCase(Locale.ROOT);
            String camel = BY_FOLDED.get(folded);
            if (camel != null) {
                sink.accept(new Hit(m.start(), m.group(), "htmx:" + camel, NEW_NAMES.get(camel)));
            }
        }
    }

    static List<String> oldNames() {
        return NEW_NAMES.keySet().stream().sorted().toList();
    }
}
