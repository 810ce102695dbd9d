package dev.htmxws.protocol.requests;

import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.JsString;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers as the browser takes them from htmx: {@code XMLHttpRequest.setRequestHeader} (htmx 1/2,
 * through htmx's {@code safelySetHeaderValue}) or fetch's {@code Headers} (htmx 4). Values are trimmed of HTTP
 * whitespace, a name set twice in any case keeps its first spelling and joins the values with ", ", forbidden
 * names (Cookie, Host, Origin, {@code Sec-*} …) are dropped without a word from the browser.
 */
final class HeaderList {
    private static final Set<String> FORBIDDEN = Set.of("accept-charset", "accept-encoding",
        "access-control-request-headers", "access-control-request-method", "connection", "content-length", "cookie",
        "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te", "trailer",
        "transfer-encoding", "upgrade", "via");

    /** The browser throws (a TypeError or SyntaxError): htmx sends nothing. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean fetch;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final java.util.List<Warning> warnings;

    /** @param fetch htmx 4's fetch (a bad header fails the request); else XHR under htmx 1/2 */
    HeaderList(boolean fetch, java.util.List<Warning> warnings) {
        this.fetch = fetch;
        this.warnings = warnings;
    }

    /**
     * htmx 1/2 {@code safelySetHeaderValue}: null is skipped; a value XHR refuses (beyond Latin-1, or with CR, LF
     * or NUL) is sent {@code encodeURIComponent}-ed with a {@code <name>-URI-AutoEncoded: true} header.
     */
    void setSafely(String name, Object value) {
        if (value == null) {
            return;
        }
        String v = trim(JsString.of(value));
        checkName(name);
        if (!isByteString(v) || !isHeaderValue(v)) {
            String encoded;
            try {
                encoded = UrlEncoding.encodeUriComponent(v);
            } catch (UrlEncoding.UriError e) {
                throw new Refused(e.getMessage());
            }
            warnings.add(new Warning("header-uri-encoded", "the " + name + " header value is not Latin-1 text"
                + " XHR takes: htmx sends it encodeURIComponent-ed, with " + name + "-URI-AutoEncoded: true"));
            put(name, encoded);
            put(name + "-URI-AutoEncoded", "true");
            return;
        }
        put(name, v);
    }

    /** fetch's Headers: a value beyond Latin-1, with CR, LF or NUL, or a bad name makes fetch throw. */
    void set(String name, String value) {
        String v = trim(value);
        checkName(name);
        if (!isByteString(v) || !isHeaderValue(v)) {
            throw new Refused("the " + name + " header value '" + value + "' is not one fetch accepts (TypeError)");
        }
        put(name, v);
    }

    /** A header the browser itself adds (Content-Type for a body) unless the page set one. */
    void setDefault(String name, String value) {
        if (get(name) == null) {
            headers.put(name, value);
        }
    }

    String get(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    Map<String, String> toMap() {
        return headers;
    }

    private void put(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (FORBIDDEN.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
            warnings.add(new Warning("header-forbidden", name + " is a header no page may set: the browser drops it"));
            return;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                e.setValue(e.getValue() + ", " + value);
                return;
            }
        }
        headers.put(name, value);
    }

    private void checkName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
            || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))) {
            throw new Refused("'" + name + "' is not a valid header name: " + (fetch ? "fetch" : "setRequestHeader")
                + " throws");
        }
    }

    private static String trim(String v) {
        int start = 0;
        int end = v.length();
        while (start < end && " \t\r\n".indexOf(v.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\r\n".indexOf(v.charAt(end - 1)) >= 0) {
            end--;
        }
        return v.substring(start, end);
    }

    private static boolean isByteString(String v) {
        return v.chars().allMatch(c -> c <= 0xFF);
    }

    private static boolean isHeaderValue(String v) {
        return v.indexOf('\0') < 0 && v.indexOf('\r') < 0 && v.indexOf('\n') < 0;
    }
}
