package dev.htmxws.protocol;

import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.requests.HttpRequest;
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

    /** An event stream is being requested (an EventSource, or htmx 4's hx-sse:connect). */
    record StreamOpening(int stream, String url, String connectElement) implements PageEvent {
    }

    /** An event stream opened: its answer is a stream the page reads. */
    record StreamOpened(int stream) implements PageEvent {
    }

    /**
     * An event arrived on a stream ({@code type} {@code message} when it named none); these swaps were applied (or,
     * without a page, would be), with the pitfalls met.
     */
    record EventReceived(int stream, String type, String data, String id, List<PlannedSwap> swaps,
        List<Warning> warnings) implements PageEvent {
    }

    /** A stream ended, and why; whether the page opens it again, and after how long. */
    record StreamClosed(int stream, String why, boolean reconnecting, long delayMs) implements PageEvent {
    }

    /** An htmx request went out (hx-get, hx-post…), fired by {@code element}'s trigger. */
    record RequestSent(int id, HttpRequest request, String element) implements PageEvent {
    }

    /** The answer to request {@code id}: these swaps were applied; what htmx would do beyond the page (a redirect). */
    record Responded(int id, int status, List<PlannedSwap> swaps, List<Warning> warnings, String navigation)
        implements
            PageEvent {
    }

    /** Request {@code id} got no answer (the network failed): htmx fires htmx:sendError and swaps nothing. */
    record RequestFailed(int id, String why) implements PageEvent {
    }
}
