package dev.htmxws.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HCON, htmx 4's config notation ({@code foo:1 bar:true}, {@code ws.reconnect:false}, or plain JSON), read
 * as htmx 4.0.1 reads it: each value is JSON if it parses as JSON, else a string; a bare key is {@code true};
 * dotted bare keys nest.
 */
public final class Hcon {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAIR = Pattern.compile(
        "(?:\"([^\"]+)\"|'([^']+)'|([^\\s,:]+))(?:\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)'|<((?:[^/]|/(?!>))+)/>|([^\\s,]+)))?(?=\\s|,|$)");

    private Hcon() {
    }

    /** Insertion-ordered map of the parsed pairs; JSON values become maps, lists, numbers, booleans or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        if (text.startsWith("{")) {
            try {
                return JSON.readValue(text, LinkedHashMap.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            String bareKey = m.group(3);
            String key = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : bareKey;
            String raw = firstNonNull(m.group(4), m.group(5), m.group(6), m.group(7), "true").strip();
            Object value = jsonOrString(raw);
            if (bareKey != null && bareKey.contains(".")) {
                String[] path = key.split("\\.");
                Object nested = value;
                for (int i = path.length - 1; i > 0; i--) {
                    Map<String, Object> level = new LinkedHashMap<>();
                    level.put(path[i], nested);
                    nested = level;
                }
                merge(Map.of(path[0], nested), out);
            } else {
                merge(Map.of(key, value), out);
            }
        }
        return out;
    }

    private static Object jsonOrString(String raw) {
        try {
            return JSON.readValue(raw, Object.class);
        } catch (JsonProcessingException e) {
            return raw;
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> source, Map<String, Object> target) {
        for (Map.Entry<String, Object> e : source.entrySet()) {
            Object existing = target.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> src && existing instanceof Map<?, ?> dst) {
                merge((Map<String, Object>) src, (Map<String, Object>) dst);
            } else if (e.getValue() instanceof Map<?, ?> src) {
                target.put(e.getKey(), new LinkedHashMap<>((Map<String, Object>) src));
            } else {
                target.put(e.getKey(), e.getValue());
            }
        }
    }

    private static String firstNonNull(String... s) {
        for (String x : s) {
            if (x != null) {
                return x;
            }
        }
        return null;
    }
}
