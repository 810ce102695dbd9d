package dev.htmxws.protocol.requests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response: status, headers (any case; a name may repeat), body text.
 *
 * @param headers each name with its values in order
 */
public record HttpResponse(int status, Map<String, List<String>> headers, String body) {
    public HttpResponse {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /**
     * A header as the browser reads it ({@code getResponseHeader}, {@code Headers.get}): the values of every name
     * matching case-insensitively, joined with ", "; null when absent.
     */
    public String header(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                values.addAll(e.getValue());
            }
        }
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /** A response with one value per header. */
    public static HttpResponse of(int status, Map<String, String> headers, String body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new HttpResponse(status, h, body);
    }
}
