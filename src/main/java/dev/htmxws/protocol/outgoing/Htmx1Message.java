package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Constraints;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * H1: the frame of {@code htmx.org@1.9.12 › processWebSocketSend} (docs/spec/protocol.md §1.1, §1.4): plain-object
 * values (multi-selects and files always arrays), HX-Target = the connect element's id, all hx-params
 * forms, HEADERS assigned last (in place over a field called HEADERS).
 */
final class Htmx1Message {
    private final List<Warning> warnings = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    Outgoing build(Element send, Element connect, Element submitter, String pageUrl) {
        try {
            if (connect == null) {
                throw new Halt("no-connection", Describe.of(send) + " has no hx-ws connect ancestor: htmx raises "
                    + "htmx:noWebSocketSourceError and never sends");
            }
            Map<String, Object> headers = LegacyHeaders.headers(send, connect, pageUrl, warnings);
            Map<String, Object> values = inputValues(send, submitter);
            Map<String, Object> vars = LegacyExpressions.expressionVars(send, warnings);
            if (vars != null) {
                values.putAll(vars);
            }
            Map<String, Object> filtered = filter(values, send);
            filtered.put("HEADERS", headers);
            if (!errors.isEmpty()) {
                throw new Halt("validation-failed", "htmx validation halted the send: " + String.join("; ", errors)
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

    /** htmx 1 getInputValues(elt, 'post'): form values (priority) merged over the others. */
    private Map<String, Object> inputValues(Element elt, Element submitter) {
        List<Element> processed = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> formValues = new LinkedHashMap<>();
        boolean validate = LegacyInputs.validates(elt, submitter);
        process(processed, formValues, FormControls.closest(elt, "form"), validate);
        process(processed, values, elt, validate);
        Element button = LegacyInputs.buttonFor(elt, submitter);
        if (button != null && button.hasAttr("name")) {
            add(button.attr("name"), FormControls.value(button), formValues);
        }
        for (Object node : LegacyInputs.includeTargets(elt)) {
            if (node == Selectors.WINDOW) {
                throw new Halt("js-error", "hx-include=\"window\" on " + Describe.of(elt)
                    + ": htmx throws (window has no querySelectorAll) and sends nothing");
            }
            Element n = (Element) node;
            if (!(n instanceof Document)) {
                process(processed, values, n, validate);
            }
            if (!FormControls.is(n, "form")) {
                for (Element d : LegacyInputs.inputsUnder(n)) {
                    process(processed, values, d, validate);
                }
            }
        }
        values.putAll(formValues); // mergeObjects: existing keys keep their position
        return values;
    }

    /** htmx 1 processInputValue: element by shouldInclude, then a form's elements one by one. */
    private void process(List<Element> processed, Map<String, Object> values, Element elt, boolean validate) {
        if (elt == null || processed.contains(elt)) {
            return;
        }
        processed.add(elt);
        if (LegacyInputs.shouldInclude(elt)) {
            Object value = FormControls.value(elt);
            boolean hasMultipleProperty = FormControls.is(elt, "select") || FormControls.is(elt, "input");
            if (hasMultipleProperty && elt.hasAttr("multiple")) {
                // elt.multiple → values of querySelectorAll('option:checked'): always an array
                List<Object> opts = new ArrayList<>();
                if (FormControls.is(elt, "select")) {
                    FormControls.selectedOptions(elt).forEach(o -> opts.add(FormControls.optionValue(o)));
                }
                value = opts;
            }
            if (FormControls.is(elt, "input") && FormControls.inputType(elt).equals("file")) {
                value = new ArrayList<>(); // elt.files: none selected, JSON []
            }
            add(elt.attr("name"), value, values);
            if (validate && Constraints.willValidate(elt)) {
                String p = Constraints.problem(elt);
                if (p != null) {
                    errors.add(Describe.of(elt) + ": " + p);
                }
            }
        }
        if (FormControls.is(elt, "form")) {
            for (Element input : FormControls.elements(elt)) {
                process(processed, values, input, validate);
            }
        }
    }

    /** htmx 1 addValueToValues, including what a plain object's inherited members do to it. */
    @SuppressWarnings("unchecked")
    private void add(String name, Object value, Map<String, Object> values) {
        if (name == null || value == null) {
            return;
        }
        if (name.equals("__proto__")) {
            warnings.add(new Warning("field-dropped", "field \"__proto__\" cannot become a JSON key in htmx 1"));
            return;
        }
        Object current = JsValue.get(values, name);
        if (current == JsValue.UNDEFINED) {
            values.put(name, value);
        } else if (current instanceof List<?> list) {
            if (value instanceof List<?> v) {
                List<Object> c = new ArrayList<>(list);
                c.addAll(v);
                values.put(name, c);
            } else {
                ((List<Object>) list).add(value);
            }
        } else {
            if (current == JsValue.FUNCTION) {
                warnings.add(new Warning("field-dropped", "field \"" + name + "\" collides with Object.prototype: "
                    + "htmx 1 sends it as an array starting with null"));
            }
            List<Object> c = new ArrayList<>();
            c.add(current);
            if (value instanceof List<?> v) {
                c.addAll(v);
            } else {
                c.add(value);
            }
            values.put(name, c);
        }
    }

    /** htmx 1 filterValues: none, *, "not a,b", "a,b" (list order; absent names vanish). */
    private static Map<String, Object> filter(Map<String, Object> values, Element send) {
        String params = Attributes.closestLegacy(send, "hx-params");
        if (params == null || params.equals("*")) {
            return values;
        }
        if (params.equals("none")) {
            return new LinkedHashMap<>();
        }
        if (params.startsWith("not ")) {
            for (String n : params.substring(4).split(",", -1)) {
                values.remove(Hcon.jsTrim(n));
            }
            return values;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : params.split(",", -1)) {
            String name = Hcon.jsTrim(n);
            if (!name.equals("__proto__")) {
                out.put(name, JsValue.get(values, name));
            }
        }
        return out;
    }
}
