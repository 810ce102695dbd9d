package dev.htmxws.net;

import java.util.Locale;

/**
 * One request header a user adds ({@code -H 'Name: value'}), checked so that it cannot smuggle a line break
 * into the request.
 *
 * @param name  an HTTP token
 * @param value the value without surrounding spaces; no CR, LF or NUL
 */
public record HttpHeader(String name, String value) {

    public HttpHeader {
        if (name == null || name.isEmpty() || !name.chars().allMatch(HttpHeader::isTokenChar)) {
            throw new IllegalArgumentException("not a valid header name: " + quoted(name));
        }
        if (value == null) {
            throw new IllegalArgumentException("header " + name + " has no value");
        }
        value = value.strip();
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
        }
    }

    /** Parses {@code Name: value} as curl's {@code -H} takes it. */
    public static HttpHeader parse(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a header is written Name: value, not " + quoted(line));
        }
        return new HttpHeader(line.substring(0, colon).strip(), line.substring(colon + 1));
    }

    /** Whether this header has the given name (header names are case-insensitive). */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    public String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
