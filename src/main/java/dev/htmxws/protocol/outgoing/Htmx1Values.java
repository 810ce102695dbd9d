package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Constraints;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The values htmx 1 sends, for a request and for an {@code hx-ws} frame alike: {@code getInputValues(elt, verb)}
 * as plain objects (multi-selects and files always arrays, form values merged over the others in place), then
 * {@code getExpressionVars} merged over them and {@code filterValues} (all four hx-params forms).
 */
public final class Htmx1Values {
    private final List<Warning> warnings;
    private final List<String> errors = new ArrayList<>();

    /** @param warnings where the pitfalls met go, in the order met */
    public Htmx1Values(List<Warning> warnings) {
        this.warnings = warnings;
    }

    /**
     * The filtered values for {@code verb} (htmx's lower-case verb: "get" leaves the enclosing form out).
     *
     * @throws Halt where htmx throws and sends nothing
     */
    public Map<String, Object> collect(Element elt, Element submitter, String verb) {
        Map<String, Object> values = inputValues(elt, submitter, verb);
        Map<String, Object> vars = LegacyExpressions.expressionVars(elt, warnings);
        if (vars != null) {
            values.putAll(vars);
        }
        return filter(values, elt);
    }

    /** Validation problems met while collecting ({@code htmx:validation:failed}); htmx halts when there are any. */
    public List<String> errors() {
        return errors;
    }

    /** htmx 1 getInputValues: form values (priority) merged over the others. */
    private Map<String, Object> inputValues(Element elt, Element submitter, String verb) {
        List<Element> processed = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> formValues = new LinkedHashMap<>();
        boolean validate = LegacyInputs.validates(elt, submitter);
        if (!"get".equals(verb)) {
            process(processed, formValues, FormControls.closest(elt, "form"), validate);
        }
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
    private static Map<String, Object> filter(Map<String, Object> values, Element elt) {
        String params = Attributes.closestLegacy(elt, "hx-params");
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
