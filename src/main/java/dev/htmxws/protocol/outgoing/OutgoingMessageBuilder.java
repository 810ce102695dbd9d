package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Dialect;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * Builds the text frame htmx would send when a send element's trigger fires, for one dialect
 * (docs/spec/protocol.md §1). Pure: reads the jsoup DOM (form state stored as attributes) and returns the frame or
 * null, with warnings for the htmx pitfalls met on the way.
 */
public final class OutgoingMessageBuilder {
    private final Dialect dialect;

    public OutgoingMessageBuilder(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect);
    }

    /**
     * The frame htmx would send when the trigger fires on {@code send}.
     *
     * @param send      the send element (H1 hx-ws="send"/data-hx-ws, H2 ws-send/data-ws-send or legacy
     *                  hx-ws="send", H4 hx-ws:send/data-hx-ws:send)
     * @param connect   the connect element the send goes through (H1: HX-Target is ITS id); may be null
     *                  (H4: then "No WebSocket connection found")
     * @param submitter H1/H2: the form's last clicked/focused submit button (htmx's lastButtonClicked; used
     *                  only when {@code send} is the form); H4: the submit event's {@code submitter}; or null
     * @param pageUrl   location.href of the page, used verbatim for HX-Current-URL
     * @param event     the DOM event type that fired ("submit", "click", "change", "keyup", ...). The frame
     *                  does not depend on it in any dialect (htmx reads no event data into it); it is part
     *                  of the contract for callers and future use
     */
    public Outgoing build(Element send, Element connect, Element submitter, String pageUrl, String event) {
        Objects.requireNonNull(send, "send");
        return switch (dialect) {
            case HTMX1 -> new Htmx1Message().build(send, connect, submitter, pageUrl,
                connect != null && dev.htmxws.protocol.PageModel.isExtensionSocket(dialect, connect));
            case HTMX2 -> new Htmx2Message().build(send, connect, submitter, pageUrl);
            case HTMX4 -> new Htmx4Message().build(send, connect, submitter, pageUrl);
        };
    }
}
