package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Warning;

/** htmx stops before sending: a JavaScript exception in its code, a refused send, a validation halt. */
public final class Halt extends RuntimeException {
    final Warning warning;

    public Halt(String code, String message) {
        super(message, null, false, false);
        this.warning = new Warning(code, message);
    }

    /** Why htmx stops. */
    public Warning warning() {
        return warning;
    }
}
