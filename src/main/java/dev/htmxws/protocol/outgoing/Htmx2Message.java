package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * H2: the frame of {@code htmx-ext-ws@2.0.4 ws.js › processWebSocketSend} on {@code htmx.org@2.0.8}
 * (docs/spec/protocol.md §1.2, §1.4): FormData-based values copied through htmx's proxy, hx-vals/hx-vars, hx-params,
 * then {@code HEADERS}.
 */
final class Htmx2Message {
    private final List<Warning> warnings = new ArrayList<>();

    Outgoing build(Element send, Element connect, Element submitter, String pageUrl) {
        try {
            if (connect == null) {
                throw new Halt("no-connection", Describe.of(send) + " has no ws-connect ancestor: htmx's send "
                    + "handler fails with a TypeError and nothing is sent");
            }
            Map<String, Object> headers = LegacyHeaders.headers(send, LegacyInputs.target(send), pageUrl, warnings);
            Htmx2Values collected = new Htmx2Values();
            FormDataList formData = collected.inputValues(send, submitter, "post");
            Map<String, Object> raw = proxyCopy(formData);
            Map<String, Object> vars = LegacyExpressions.expressionVars(send, warnings);
            if (vars != null) {
                raw.putAll(vars);
            }
            Map<String, Object> params = filter(raw, send);
            if (!collected.errors().isEmpty()) {
                throw new Halt("validation-failed", "htmx validation halted the send: "
                    + String.join("; ", collected.errors()));
            }
            Map<String, Object> toSend = new LinkedHashMap<>(params);
            toSend.put("HEADERS", headers);
            if (toSend.get("toJSON") == JsValue.FUNCTION) {
                // JSON.stringify calls the proxy's toJSON copied along: the frame is the raw FormData
                warnings.add(new Warning("field-dropped", "a field named toJSON makes htmx send only "
                    + "Object.fromEntries(formData): no HEADERS, no hx-vals"));
                return new Outgoing(JsonText.stringify(formData.fromEntries()), warnings);
            }
            return new Outgoing(JsonText.stringify(toSend), warnings);
        } catch (Halt h) {
            warnings.add(h.warning);
            return new Outgoing(null, warnings);
        } catch (Selectors.BadSelector b) {
            warnings.add(new Warning("js-error", b.getMessage() + ": querySelectorAll throws and nothing is sent"));
            return new Outgoing(null, warnings);
        }
    }

    /**
     * {@code Object.assign({}, results.values)} through htmx's FormData proxy: one entry → string, several →
     * array, names found on FormData.prototype/Object.prototype (and toJSON) read back as functions.
     */
    private Map<String, Object> proxyCopy(FormDataList fd) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : fd.keys()) {
            if (k.equals("__proto__")) {
                warnings.add(dropped(k));
                continue; // assigning __proto__ on a plain object creates no property
            }
            if (FormDataList.FORMDATA_PROTOTYPE.contains(k) || JsValue.OBJECT_PROTOTYPE.contains(k)
                || k.equals("toJSON")) {
                if (!k.equals("toJSON")) {
                    warnings.add(dropped(k));
                }
                out.put(k, JsValue.FUNCTION);
                continue;
            }
            List<Object> all = fd.getAll(k);
            out.put(k, all.size() == 1 ? all.get(0) : all);
        }
        return out;
    }

    private static Warning dropped(String name) {
        return new Warning("field-dropped", "field \"" + name + "\" shares its name with a FormData/Object "
            + "method: htmx 2 reads it back as a function and it is not sent");
    }

    /** htmx 2 filterValues on the plain object the extension hands it (docs/spec/protocol.md §1.4.4 H2). */
    private Map<String, Object> filter(Map<String, Object> values, Element send) {
        String params = Attributes.closestLegacy(send, "hx-params");
        if (params == null || params.equals("*")) {
            return values;
        }
        if (params.equals("none")) {
            return new LinkedHashMap<>();
        }
        throw new Halt("hx-params-crash", "hx-params=\"" + params + "\" on or above " + Describe.of(send)
            + ": htmx-ext-ws 2.0.4 passes a plain object to filterValues, which throws a TypeError"
            + " (inputValues." + (params.startsWith("not ") ? "delete" : "has")
            + " is not a function): nothing is sent; only \"none\" and \"*\" work");
    }
}
