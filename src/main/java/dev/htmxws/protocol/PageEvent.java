package dev.htmxws.protocol;

import dev.htmxws.protocol.incoming.PlannedSwap;
import java.util.List;

/** What happened on a page, for whoever drives it (a CLI prints these, a test records them). */
public sealed interface PageEvent {

    /** A socket is being opened. */
    record Connecting(int socket, String url, String connectElement) implements PageEvent {
    }

    /** A frame went on the wire. */
    record Sent(int socket, String frame) implements PageEvent {
    }

    /** A frame waits for the socket to open. */
    record Queued(String frame, int queued) implements PageEvent {
    }

    /** A frame htmx would not deliver, and why. */
    record Lost(String frame, String why) implements PageEvent {
    }

    /** A message arrived; these swaps were applied (or, without a page, would be), with the pitfalls met. */
    record Received(int socket, String text, List<PlannedSwap> swaps, List<Warning> warnings) implements PageEvent {
    }

    /** A socket closed (with the server's reason, if any); whether htmx will reconnect, and after how long. */
    record Closed(int socket, int code, String reason, boolean reconnecting, long delayMs) implements PageEvent {
    }

    /** A pitfall or something htmxws cannot do as the browser would. */
    record Warned(Warning warning) implements PageEvent {
    }
}
