package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Warning;
import java.util.List;

/**
 * What one trigger of a send element puts on the wire.
 *
 * @param frame    the exact text htmx would send, or null when htmx sends nothing (validation halted, a
 *                 JavaScript error inside htmx such as the H2 hx-params crash, no connection …)
 * @param warnings pitfalls met while building it, in the order met
 */
public record Outgoing(String frame, List<Warning> warnings) {
    public Outgoing {
        warnings = List.copyOf(warnings);
    }

    public boolean sent() {
        return frame != null;
    }
}
