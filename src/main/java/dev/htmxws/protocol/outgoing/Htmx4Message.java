package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * H4: the frame of {@code htmx.org@4.0.1 dist/ext/hx-ws.js › sendMessage} (docs/spec/protocol.md §1.3, §1.4):
 * values from {@code #collectFormData}, the element's own hx-vals (JSON/HCON), then a lowercase
 * {@code headers} key from the core request context. No hx-headers, hx-params, hx-vars or validation.
 */
final class Htmx4Message {
    private final List<Warning> warnings = new ArrayList<>();

    Outgoing build(Element send, Element connect, Element submitter, String pageUrl) {
        try {
            String url = connect == null ? null : Attributes.h4Attr(connect, "hx-ws:connect");
            if (url == null || url.isEmpty()) {
                throw new Halt("no-connection", Describe.of(send)
                    + ": htmx:ws:error 'No WebSocket connection found for element', nothing is sent");
            }
            warnIgnored(send);
            Map<String, Object> headers = headers(send, pageUrl);
            Element form = FormControls.relatedForm(send);
            // no validation argument: htmx never validates a ws send, and isGet is undefined
            FormDataList formData = Htmx4Values.collectFormData(send, form, submitter, false);
            Map<String, Object> values = toObject(formData);
            Map<String, Object> obj = Htmx4Values.vals(send, warnings);
            if (obj != null) {
                for (String k : JsonText.jsKeyOrder(obj)) {
                    if (!k.equals("__proto__")) {
                        values.put(k, obj.get(k)); // Object.assign
                    }
                }
            }
            if (values.containsKey("headers")) {
                values.remove("headers");
                warnings.add(new Warning("field-dropped", "a value named \"headers\" (field or hx-vals) of "
                    + Describe.of(send) + " is deleted by htmx 4 before sending"));
            }
            Map<String, Object> message = new LinkedHashMap<>(values);
            message.put("headers", headers);
            return new Outgoing(JsonText.stringify(message), warnings);
        } catch (Halt h) {
            warnings.add(h.warning);
            return new Outgoing(null, warnings);
        } catch (Selectors.BadSelector b) {
            warnings.add(new Warning("js-error", b.getMessage() + ": querySelectorAll throws and nothing is sent"));
            return new Outgoing(null, warnings);
        }
    }

    /** Attributes htmx 4 ws sends do not honour, which a migrated page may still carry. */
    private void warnIgnored(Element send) {
        for (Element e = send; e != null; e = e.parent()) {
            boolean own = e == send;
            for (String a : List.of("hx-headers", "hx-headers:inherited", "data-hx-headers",
                "data-hx-headers:inherited")) {
                if (e.hasAttr(a) && (own || a.endsWith(":inherited"))) {
                    warnings.add(new Warning("headers-not-sent", a + " on " + Describe.of(e)
                        + " is not applied to htmx 4 WebSocket messages"));
                }
            }
        }
        for (String a : List.of("hx-params", "hx-vars")) {
            if (Attributes.legacy(send, a) != null) {
                warnings.add(new Warning("ignored-attribute", a + " on " + Describe.of(send)
                    + " does not exist in htmx 4 and is ignored"));
            }
        }
    }

    /** #createCoreHeaders + HX-Target of #createRequestContext, minus Accept, plus hx-config headers. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> headers(Element send, String pageUrl) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("HX-Request", "true");
        h.put("HX-Source", Htmx4Values.identifier(send));
        h.put("HX-Current-URL", pageUrl);
        h.put("Accept", "text/html");
        String targetSel = Attributes.h4(send, "hx-target", null);
        Element target = targetSel == null ? send : Htmx4Values.resolveTarget(send, targetSel);
        if (target != null) {
            h.put("HX-Target", Htmx4Values.identifier(target));
        } else {
            warnings.add(new Warning("target-not-found", "hx-target '" + targetSel + "' for " + Describe.of(send)
                + " matches nothing: htmx 4 sends no HX-Target header"));
        }
        String hxConfig = Attributes.h4(send, "hx-config", null);
        if (hxConfig != null && !hxConfig.isEmpty()) {
            try {
                Map<String, Object> cfg = Hcon.parse(hxConfig);
                if (cfg.get("headers") instanceof Map<?, ?> extra) {
                    Hcon.merge((Map<String, Object>) extra, h);
                }
            } catch (JsonText.SyntaxError e) {
                throw new Halt("js-error", "hx-config for " + Describe.of(send) + " is not valid JSON: htmx throws");
            }
        }
        h.remove("Accept");
        return h;
    }

    /** {@code for [k, v] of formData}: first value scalar, repeats make an array ({@code key in values}). */
    private Map<String, Object> toObject(FormDataList fd) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FormDataList.Entry e : fd.entries()) {
            String k = e.name();
            if (k.equals("__proto__")) {
                warnings.add(new Warning("field-dropped", "field \"__proto__\" cannot become a JSON key"));
                continue;
            }
            Object current = JsValue.get(values, k);
            if (current == JsValue.UNDEFINED) {
                values.put(k, e.value());
                continue;
            }
            if (current == JsValue.FUNCTION) {
                warnings.add(new Warning("field-dropped", "field \"" + k + "\" collides with Object.prototype: "
                    + "htmx 4 sends it as an array starting with null"));
            }
            List<Object> arr = new ArrayList<>();
            if (current instanceof List<?> l) {
                arr.addAll(l);
            } else {
                arr.add(current);
            }
            arr.add(e.value());
            values.put(k, arr);
        }
        return values;
    }
}
