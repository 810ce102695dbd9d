package dev.htmxws.protocol;

import dev.htmxws.protocol.requests.Requests;
import dev.htmxws.sse.SseParser;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * One event stream of a page and what listens to it: a browser {@code EventSource} (htmx 1's {@code hx-sse}, the
 * htmx 1 and htmx 2 sse extensions) or htmx 4's {@code hx-sse:connect} request read as a stream
 * (docs/spec/sse-and-requests.md §2). Its transport stream changes with each (re)connection.
 */
final class EventStream {

    /** Whose code runs the stream. */
    enum Kind {
        /** htmx 1.9.12's built-in {@code hx-sse="connect:…"}. */
        H1_CORE,
        /** htmx 1.9.12's {@code ext/sse.js}: {@code sse-connect}, {@code sse-swap}. */
        H1_EXT,
        /** htmx-ext-sse 2.2.4 on htmx 2. */
        H2_EXT,
        /** htmx 4.0.1's {@code hx-sse:connect}. */
        H4;

        boolean eventSource() {
            return this != H4;
        }

        /** The extensions settle (process what a swap inserted) 20 ms after it; htmx 1 core's hx-sse at once. */
        long settleMillis() {
            return this == H1_CORE || this == H4 ? 0 : 20;
        }
    }

    enum State {
        CONNECTING, OPEN, CLOSED
    }

    /** What a listener does with an event of its name. */
    enum Action {
        /** Swaps the event's data into the element's target (sse-swap, hx-sse swap:). */
        SWAP,
        /** htmx 1 core's sse: trigger: issues the element's request. */
        REQUEST,
        /** htmx 2's sse: trigger: dispatches the DOM event sse:NAME on the element, which its trigger hears. */
        DOM_EVENT,
        /** sse-close: closes the stream. */
        CLOSE
    }

    record Listener(String name, Element element, Action action) {
    }

    final Kind kind;
    final Element connect;
    /** The URL written on the connect element, and the absolute one it resolves to. */
    final String url;
    final String absoluteUrl;
    final List<Listener> listeners = new ArrayList<>();
    /** The transport stream of the current connection; 0 while there is none. */
    int stream;
    State state = State.CLOSED;
    /** Closed for good by the page (sse-close, the element left the page, a failed EventSource in htmx 1). */
    boolean ended;
    SseParser parser = new SseParser();
    String lastEventId = "";
    /** The EventSource's reconnection time (ms), which {@code retry:} changes; htmx 4's backoff base. */
    long reconnectMillis;
    /** htmx's own re-creations of a failed EventSource (htmx 1/2 extensions), or htmx 4's attempts, since the last open. */
    int retries;
    VirtualClock.Cancellable pendingReconnect;

    // htmx 4: the stream is a request of the connect element's context, whose target and swap are fixed when it is made
    Requests.Built built;
    /** The answer is an event stream (else htmx 4 handles it as an ordinary response when it ends). */
    boolean streaming;
    int status;
    java.util.Map<String, List<String>> responseHeaders = java.util.Map.of();
    final StringBuilder body = new StringBuilder();

    EventStream(Kind kind, Element connect, String url, String absoluteUrl) {
        this.kind = kind;
        this.connect = connect;
        this.url = url;
        this.absoluteUrl = absoluteUrl;
        this.reconnectMillis = kind == Kind.H4 ? 500 : 3000;
    }

    boolean listens(Element e, String name, Action action) {
        return listeners.stream().anyMatch(l -> l.element() == e && l.name().equals(name) && l.action() == action);
    }
}
