package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.FormControls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/** Pieces htmx 1 and htmx 2 share: shouldInclude, the send element's value, hx-include targets, validation. */
public final class LegacyInputs {
    private LegacyInputs() {
    }

    static final String INPUT_SELECTOR = "input, textarea, select";

    /**
     * htmx 1/2 shouldInclude. The typo that compares {@code tagName} with "image"/"reset"/"file" is kept,
     * so reset, image and file inputs pass; {@code elt.type} is "submit" for a plain {@code <button>}.
     */
    static boolean shouldInclude(Element e) {
        String name = FormControls.nameProperty(e);
        if (name == null || name.isEmpty() || FormControls.disabledProperty(e)
            || FormControls.closestDisabledFieldset(e)) {
            return false;
        }
        String type = FormControls.type(e);
        if ("button".equals(type) || "submit".equals(type)) {
            return false;
        }
        if ("checkbox".equals(type) || "radio".equals(type)) {
            return FormControls.checked(e);
        }
        return true;
    }

    /** A submit button's name/value is added when it is the tracked button or the send element itself. */
    static Element buttonFor(Element send, Element submitter) {
        if (submitter != null && FormControls.is(send, "form")) {
            return submitter; // lastButtonClicked lives on the form's internal data only
        }
        if (FormControls.is(send, "button")
            || (FormControls.is(send, "input") && send.attr("type").equals("submit"))) {
            return send;
        }
        return null;
    }

    /**
     * findAttributeTargets(elt, 'hx-include'): the inherited value; "this" is the element carrying it; an
     * {@code inherit} token adds the ancestor's targets; no match yields htmx's detached dummy element
     * (represented by an empty list here, since it contributes nothing).
     */
    static List<Object> includeTargets(Element elt) {
        String value = Attributes.closestLegacy(elt, "hx-include");
        if (value == null) {
            return List.of();
        }
        if (value.equals("this")) {
            Element self = thisElement(elt, "hx-include");
            return self == null ? List.of() : List.of(self);
        }
        List<Object> result = new ArrayList<>(Selectors.h2All(elt, value));
        if (value.matches("(?s)(^|.*,)\\s*inherit\\s*($|,.*)")) {
            for (Element p = elt.parent(); p != null; p = p.parent()) {
                if (p.hasAttr("hx-include") || p.hasAttr("data-hx-include")) {
                    result.addAll(includeTargets(p));
                    break;
                }
            }
        }
        return result;
    }

    /**
     * htmx 1/2 getTarget: the inherited hx-target ("this" is the element carrying it, extended selectors), else
     * the element; null when the selector matches nothing, else an Element, the Document or
     * {@link Selectors#WINDOW}.
     */
    public static Object target(Element elt) {
        String t = Attributes.closestLegacy(elt, "hx-target");
        if (t == null) {
            return elt;
        }
        if (t.equals("this")) {
            return thisElement(elt, "hx-target");
        }
        List<Object> found = Selectors.h2All(elt, t);
        return found.isEmpty() ? null : found.get(0);
    }

    /** findThisElement: the nearest element (self included) carrying the attribute. */
    public static Element thisElement(Element elt, String attr) {
        for (Element e = elt; e != null; e = e.parent()) {
            if (Attributes.legacy(e, attr) != null) {
                return e;
            }
        }
        return null;
    }

    /** Inputs below an included non-form node (for the document: all of them). */
    static List<Element> inputsUnder(Object node) {
        if (node instanceof Element el) {
            return Selectors.descendants(el, INPUT_SELECTOR);
        }
        return List.of();
    }

    /** The validation switch of getInputValues: a form without novalidate, or hx-validate="true". */
    static boolean validates(Element send, Element submitter) {
        boolean validate = (FormControls.is(send, "form") && !send.hasAttr("novalidate"))
            || "true".equals(Attributes.legacy(send, "hx-validate"));
        Element tracked = FormControls.is(send, "form") ? submitter : null;
        if (tracked != null && Set.of("button", "input").contains(FormControls.tag(tracked))
            && tracked.hasAttr("formnovalidate")) {
            validate = false;
        }
        return validate;
    }
}
