package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Constraints;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.JsFile;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
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
            Map<String, Object> headers = LegacyHeaders.headers(send, target(send), pageUrl, warnings);
            FormDataList formData = inputValues(send, submitter);
            Map<String, Object> raw = proxyCopy(formData);
            Map<String, Object> vars = LegacyExpressions.expressionVars(send, warnings);
            if (vars != null) {
                raw.putAll(vars);
            }
            Map<String, Object> params = filter(raw, send);
            if (!errors.isEmpty()) {
                throw new Halt("validation-failed", "htmx validation halted the send: " + String.join("; ", errors));
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

    /** htmx 2 getTarget: inherited hx-target ("this", extended selectors), else the element. */
    static Object target(Element send) {
        String t = Attributes.closestLegacy(send, "hx-target");
        if (t == null) {
            return send;
        }
        if (t.equals("this")) {
            return LegacyInputs.thisElement(send, "hx-target");
        }
        List<Object> found = Selectors.h2All(send, t);
        return found.isEmpty() ? null : found.get(0);
    }

    private final List<String> errors = new ArrayList<>();

    /** htmx 2 getInputValues(elt, 'post'). */
    private FormDataList inputValues(Element elt, Element submitter) {
        List<Element> processed = new ArrayList<>();
        FormDataList formData = new FormDataList();
        FormDataList priority = new FormDataList();
        boolean validate = LegacyInputs.validates(elt, submitter);
        process(processed, priority, FormControls.relatedForm(elt), validate);
        process(processed, formData, elt, validate);
        Element button = LegacyInputs.buttonFor(elt, submitter);
        if (button != null && button.hasAttr("name")) {
            priority.append(button.attr("name"), FormControls.value(button));
        }
        for (Object node : LegacyInputs.includeTargets(elt)) {
            if (node instanceof Document || node == Selectors.WINDOW) {
                if (node == Selectors.WINDOW) {
                    throw new Halt("js-error", "hx-include=\"window\" on " + Describe.of(elt)
                        + ": htmx throws (window has no querySelectorAll) and sends nothing");
                }
                for (Element d : LegacyInputs.inputsUnder(node)) {
                    process(processed, formData, d, validate);
                }
                continue;
            }
            Element n = (Element) node;
            process(processed, formData, n, validate);
            if (!FormControls.is(n, "form")) {
                for (Element d : LegacyInputs.inputsUnder(n)) {
                    process(processed, formData, d, validate);
                }
            }
        }
        formData.override(priority);
        return formData;
    }

    /** htmx 2 processInputValue: the element by shouldInclude, a form by {@code new FormData(form)}. */
    private void process(List<Element> processed, FormDataList into, Element elt, boolean validate) {
        if (elt == null || processed.contains(elt)) {
            return;
        }
        processed.add(elt);
        if (LegacyInputs.shouldInclude(elt)) {
            String name = elt.attr("name");
            List<Object> vs = valueOf(elt);
            if (vs != null) {
                vs.forEach(v -> into.append(name, v));
            }
            if (validate) {
                validate(elt);
            }
        }
        if (FormControls.is(elt, "form")) {
            for (Element input : FormControls.elements(elt)) {
                if (processed.contains(input)) {
                    // already added: remove its value so the FormData below does not duplicate it
                    List<Object> drop = valueOf(input);
                    String name = FormControls.nameProperty(input);
                    if (drop != null && name != null) { // nothing happens for an undefined value
                        List<Object> keep = new ArrayList<>(into.getAll(name));
                        keep.removeAll(drop);
                        into.delete(name);
                        keep.forEach(v -> into.append(name, v));
                    }
                } else {
                    processed.add(input);
                }
                if (validate) {
                    validate(input);
                }
            }
            for (FormDataList.Entry e : FormDataList.of(elt).entries) {
                if (e.value() instanceof JsFile f && f.name().isEmpty()) {
                    continue; // htmx ignores no-name files
                }
                into.append(e.name(), e.value());
            }
        }
    }

    /** getValueFromInput as the list addValueToFormData appends; null when the value is undefined. */
    private static List<Object> valueOf(Element elt) {
        if (FormControls.is(elt, "select") && FormControls.isMultiple(elt)) {
            List<Object> out = new ArrayList<>();
            FormControls.selectedOptions(elt).forEach(o -> out.add(FormControls.optionValue(o)));
            return out;
        }
        if (FormControls.is(elt, "input") && FormControls.inputType(elt).equals("file")) {
            return List.of(); // files: none selected
        }
        String v = FormControls.value(elt);
        return v == null ? null : List.of(v);
    }

    private void validate(Element e) {
        if (Constraints.willValidate(e)) {
            String p = Constraints.problem(e);
            if (p != null) {
                errors.add(Describe.of(e) + ": " + p);
            }
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
