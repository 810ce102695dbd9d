package dev.htmxws.migrate;

/** The htmx generation a template is migrated to. */
public enum Target {
    /** htmx 2 with the ws/sse extensions: {@code hx-ext="ws" ws-connect ws-send}. */
    HTMX2,
    /** htmx 4: {@code hx-ws:connect}, {@code hx-ws:send}. */
    HTMX4;

    /** Parses the command-line spelling {@code 2} or {@code 4}; null for anything else. */
    public static Target parse(String s) {
        return switch (s.trim()) {
            case "2" -> HTMX2;
            case "4" -> HTMX4;
            default -> null;
        };
    }

    public int number() {
        return this == HTMX2 ? 2 : 4;
    }
}
