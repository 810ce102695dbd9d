package dev.htmxws.protocol.requests;

import dev.htmxws.dom.JsText;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsonText;
import dev.htmxws.protocol.outgoing.Selectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The events of an HX-Trigger (-After-Swap, -After-Settle) header (docs/spec/sse-and-requests.md §3.8): a value
 * starting with '{' is a JSON object, one event per key with its detail; anything else a comma list of names.
 * htmx 1/2 add a kebab-case twin of every camelCase name; in htmx 2 a detail's {@code target} moves the event,
 * and every later one, to that selector's element; htmx 4 moves only that event and fires on {@code document}
 * when the element has left the page.
 */
final class TriggerHeader {
    private TriggerHeader() {
    }

    /** htmx threw while firing: the events before it were fired, nothing after it happens. */
    static final class Thrown extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<FiredEvent> fired;

        Thrown(String message, List<FiredEvent> fired) {
            super(message, null, false, false);
            this.fired = fired;
        }
    }

    /** htmx 1 handleTrigger / htmx 2 handleTriggerHeader, fired on {@code elt}. */
    static List<FiredEvent> legacy(boolean h1, String header, String value, Element elt, VirtualDom dom,
        List<Warning> warnings) {
        List<FiredEvent> out = new ArrayList<>();
        if (value.startsWith("{")) {
            Object parsed;
            try {
                parsed = JsonText.parse(value);
            } catch (JsonText.SyntaxError e) {
                warnings.add(new Warning("trigger-invalid-json", header + " starts with '{' but is not JSON ("
                    + e.getMessage() + "): htmx logs the error and fires no event"));
                return out;
            }
            if (!(parsed instanceof Map<?, ?> triggers)) {
                return out; // a JSON value that is not an object has no keys to fire
            }
            Element on = elt;
            for (String name : JsonText.jsKeyOrder(triggers)) {
                Object detail = triggers.get(name);
                if (detail instanceof Map<?, ?> object) {
                    if (!h1 && object.containsKey("target")) {
                        on = h2Target(object.get("target"), header, name, dom, out);
                    }
                } else {
                    Map<String, Object> wrapped = new LinkedHashMap<>();
                    wrapped.put("value", detail);
                    detail = wrapped;
                }
                withTwin(out, on, name, detail);
            }
        } else {
            for (String name : value.split(",", -1)) {
                withTwin(out, elt, JsText.trim(name), null);
            }
        }
        return out;
    }

    /**
     * htmx 2 resolves a detail's target with querySelector on the document, and from then on fires there; a miss
     * or a non-string makes dispatchEvent throw.
     */
    private static Element h2Target(Object target, String header, String name, VirtualDom dom, List<FiredEvent> out) {
        if (!(target instanceof String selector)) {
            throw new Thrown(header + " event '" + name + "' has a target that is not a selector: htmx 2 throws"
                + " (htmx:onLoadError) and the response is not swapped", out);
        }
        try {
            for (Element e : Selectors.query(dom.document(), selector)) {
                if (dom.isLive(e)) {
                    return e;
                }
            }
        } catch (Selectors.BadSelector b) {
            throw new Thrown(header + " event '" + name + "': " + b.getMessage() + ", so htmx 2 throws"
                + " (htmx:onLoadError) and the response is not swapped", out);
        }
        throw new Thrown(header + " event '" + name + "' targets '" + selector + "', which matches nothing: htmx 2"
            + " throws (htmx:onLoadError) and the response is not swapped", out);
    }

    /** htmx 4 #handleTriggerHeader: HCON/JSON or names, each fired through htmx.trigger. */
    static List<FiredEvent> htmx4(String value, Element elt, VirtualDom dom) {
        List<FiredEvent> out = new ArrayList<>();
        if (value.startsWith("{")) {
            Map<String, Object> triggers;
            try {
                triggers = Hcon.parse(value);
            } catch (JsonText.SyntaxError e) {
                throw new Thrown("HX-Trigger starts with '{' but is not JSON (" + e.getMessage() + "): htmx 4 throws"
                    + " in its finally, fires no event, and later requests of this element stall", out);
            }
            for (String name : JsonText.jsKeyOrder(triggers)) {
                Object detail = triggers.get(name);
                Element on = elt;
                if (detail instanceof Map<?, ?> object && Hcon.truthy(object.get("target"))) {
                    on = h4Find(object.get("target"), dom, out);
                }
                Object passed = detail == null || detail instanceof Map || detail instanceof List ? detail
                    : Map.of("value", detail);
                out.add(new FiredEvent(connectedOrDocument(on, dom), name, passed));
            }
        } else {
            for (String name : value.split(",", -1)) {
                out.add(new FiredEvent(connectedOrDocument(elt, dom), JsText.trim(name), null));
            }
        }
        return out;
    }

    private static Element h4Find(Object target, VirtualDom dom, List<FiredEvent> out) {
        if (!(target instanceof String selector)) {
            throw new Thrown("HX-Trigger has a target that is not a selector: htmx 4 throws in its finally", out);
        }
        try {
            for (Object o : Selectors.h4All(dom.document(), selector)) {
                if (o instanceof Element e && dom.isLive(e)) {
                    return e;
                }
            }
        } catch (Selectors.BadSelector b) {
            throw new Thrown("HX-Trigger target: " + b.getMessage() + ", so htmx 4 throws in its finally", out);
        }
        return null;
    }

    /** htmx.trigger: on the element while it is in the page, else on document. */
    private static Element connectedOrDocument(Element e, VirtualDom dom) {
        return e != null && dom.isLive(e) ? e : dom.document();
    }

    private static void withTwin(List<FiredEvent> out, Element on, String name, Object detail) {
        out.add(new FiredEvent(on, name, detail));
        String kebab = kebab(name);
        if (!kebab.equals(name)) {
            out.add(new FiredEvent(on, kebab, detail));
        }
    }

    /** htmx 1/2 kebabEventName: a dash between a lower-case letter or digit and a capital, then lower case. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
