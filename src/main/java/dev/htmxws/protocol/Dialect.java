package dev.htmxws.protocol;

/** The htmx generations whose WebSocket protocol htmxws speaks (docs/spec/protocol.md, "Dialects"). */
public enum Dialect {
    /** htmx 1.9 built-in {@code hx-ws="connect:URL send"}. */
    HTMX1,
    /** htmx 2.0 with the ws extension 2.0.x: {@code hx-ext="ws" ws-connect ws-send}. The default. */
    HTMX2,
    /** htmx 4: {@code hx-ws:connect}, {@code hx-ws:send}. */
    HTMX4;

    /** Parses {@code 1}, {@code 2} or {@code 4} (also {@code htmx2} …); null for anything else. */
    public static Dialect parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("htmx")) {
            t = t.substring(4);
        }
        return switch (t) {
            case "1" -> HTMX1;
            case "2" -> HTMX2;
            case "4" -> HTMX4;
            default -> null;
        };
    }

    public int number() {
        return switch (this) {
            case HTMX1 -> 1;
            case HTMX2 -> 2;
            case HTMX4 -> 4;
        };
    }
}
