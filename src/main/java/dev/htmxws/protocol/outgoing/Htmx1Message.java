package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * H1: the frame of {@code htmx.org@1.9.12 › processWebSocketSend} (docs/spec/protocol.md §1.1, §1.4): plain-object
 * values (multi-selects and files always arrays), HX-Target = the connect element's id, all hx-params
 * forms, HEADERS assigned last (in place over a field called HEADERS). htmx 1.9.12's own ws extension
 * ({@code ws-connect}, {@code ws-send}) builds the same frame on the same core, except that HX-Target is the sending
 * element's target, as in htmx 2 (docs/spec/sse-and-requests.md §1.1, §1.3).
 */
final class Htmx1Message {
    private final List<Warning> warnings = new ArrayList<>();

    Outgoing build(Element send, Element connect, Element submitter, String pageUrl, boolean extension) {
        try {
            if (connect == null) {
                throw new Halt("no-connection", Describe.of(send) + " has no hx-ws connect ancestor: htmx raises "
                    + "htmx:noWebSocketSourceError and never sends");
            }
            Object target = extension ? LegacyInputs.target(send) : connect;
            Map<String, Object> headers = LegacyHeaders.headers(send, target, pageUrl, warnings);
            Htmx1Values values = new Htmx1Values(warnings);
            Map<String, Object> filtered = values.collect(send, submitter, "post");
            filtered.put("HEADERS", headers);
            if (!values.errors().isEmpty()) {
                throw new Halt("validation-failed",
                    "htmx validation halted the send: " + String.join("; ", values.errors())
                        + " (htmx 1 does not prevent the native form submission)");
            }
            return new Outgoing(JsonText.stringify(filtered), warnings);
        } catch (Halt h) {
            warnings.add(h.warning);
            return new Outgoing(null, warnings);
        } catch (Selectors.BadSelector b) {
            warnings.add(new Warning("js-error", b.getMessage() + ": querySelectorAll throws and nothing is sent"));
            return new Outgoing(null, warnings);
        }
    }
}
