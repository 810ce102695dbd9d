package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Constraints;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.js.JsFile;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * htmx 2 {@code getInputValues(elt, verb)}, shared by requests and ws-send frames: two FormData lists (the
 * related form's as priority), the element itself, the clicked button, hx-include targets, then the priority
 * entries moved to the end ({@code overrideFormData}).
 */
public final class Htmx2Values {
    private final List<String> errors = new ArrayList<>();

    /**
     * The FormData htmx 2 collects for {@code verb} (as htmx holds it: "get" leaves the related form out; any
     * other spelling, {@code GET} from a submitter's formmethod included, does not).
     *
     * @throws Halt where htmx throws and sends nothing
     */
    public FormDataList inputValues(Element elt, Element submitter, String verb) {
        List<Element> processed = new ArrayList<>();
        FormDataList formData = new FormDataList();
        FormDataList priority = new FormDataList();
        boolean validate = LegacyInputs.validates(elt, submitter);
        if (!"get".equals(verb)) {
            process(processed, priority, FormControls.relatedForm(elt), validate);
        }
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

    /** Validation problems met while collecting ({@code htmx:validation:failed}); htmx halts when there are any. */
    public List<String> errors() {
        return errors;
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
            for (FormDataList.Entry e : FormDataList.of(elt).entries()) {
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
}
