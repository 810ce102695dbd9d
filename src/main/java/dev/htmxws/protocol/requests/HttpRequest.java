package dev.htmxws.protocol.requests;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP request as htmx issues it.
 *
 * @param method  the method as sent (upper case)
 * @param url     absolute, without fragment
 * @param headers in the order htmx sets them, exact names (HX-Request, HX-Trigger, …, Content-Type); a name set
 *                twice (in any case) holds the values joined with ", ", as the browser sends them
 * @param body    the body text, or null when none
 */
public record HttpRequest(String method, String url, Map<String, String> headers, String body) {
    public HttpRequest {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A header's value, looked up case-insensitively; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
