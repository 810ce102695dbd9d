package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.HtmxSelectors;
import dev.htmxws.protocol.InputValues;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What htmx 4 collects for a request and for an {@code hx-ws:send} frame alike: {@code #collectFormData}, the
 * element's own {@code hx-vals}, and the {@code tag#id} identifiers of its headers.
 */
public final class Htmx4Values {
    private Htmx4Values() {
    }

    private static final Set<String> CONTROLS = Set.of("input", "select", "textarea", "fieldset");

    /**
     * The element's hx-vals (own, or {@code :inherited}) as HCON/JSON, or null when there is none or it is
     * JavaScript (which htmxws cannot evaluate: warned).
     *
     * @throws Halt when it starts with '{' but is not JSON: htmx throws
     */
    public static Map<String, Object> vals(Element elt, List<Warning> warnings) {
        String vals = Attributes.h4(elt, "hx-vals", null);
        if (vals == null || vals.isEmpty()) {
            return null;
        }
        if (vals.startsWith("js:") || vals.startsWith("javascript:")) {
            warnings.add(new Warning("not-evaluable", "hx-vals=\"" + vals + "\" for " + Describe.of(elt)
                + " is JavaScript, which htmxws cannot evaluate: its values are not sent"));
            return null;
        }
        try {
            return Hcon.parse(vals);
        } catch (JsonText.SyntaxError e) {
            throw new Halt("js-error", "hx-vals for " + Describe.of(elt) + " starts with '{' but is not "
                + "valid JSON (" + e.getMessage() + "): htmx throws and nothing is sent");
        }
    }

    /**
     * #collectFormData(elt, form, submitter) after validation: the form's FormData (or, with no form, the element's
     * own inputs), the submitter's name/value, then hx-include targets.
     *
     * @param isGet htmx's isGet: a GET/DELETE element that is not a form control contributes nothing itself
     * @throws Halt where htmx throws and sends nothing
     */
    public static FormDataList collectFormData(Element elt, Element form, Element submitter, boolean isGet) {
        if (submitter == null && form != null && "submit".equals(FormControls.type(elt))) {
            submitter = elt; // a submit button that sends is its own submitter
        }
        FormDataList fd = form != null ? FormDataList.of(form) : new FormDataList();
        Set<Element> included = form != null ? new HashSet<>(FormControls.elements(form)) : new HashSet<>();
        if (form == null) {
            addInputValues(elt, included, fd, isGet);
        }
        if (submitter != null) {
            String name = FormControls.nameProperty(submitter);
            if (name != null && !name.isEmpty()) {
                String v = FormControls.value(submitter);
                fd.append(name, v == null ? "undefined" : v);
                included.add(submitter);
            }
        }
        String include = Attributes.h4(elt, "hx-include", null);
        if (include != null && !include.isEmpty()) {
            for (Object node : Selectors.h4All(elt, include)) {
                if (!(node instanceof Element n) || node instanceof Document) {
                    throw new Halt("js-error", "hx-include '" + include + "' on " + Describe.of(elt)
                        + " yields document/window: htmx 4 throws (no tagName) and nothing is sent");
                }
                addInputValues(n, included, fd, false);
            }
        }
        return fd;
    }

    /**
     * #addInputValues: a BUTTON or custom element contributes itself; a form control or fieldset, or with
     * {@code isGet} false any element but the body, itself and its named descendants.
     */
    private static void addInputValues(Element elt, Set<Element> included, FormDataList fd, boolean isGet) {
        String tag = elt.normalName();
        List<Element> inputs = new ArrayList<>();
        if (tag.equals("button") || tag.contains("-")) {
            inputs.add(elt);
        } else if (CONTROLS.contains(tag) || (!isGet && elt != elt.ownerDocument().body())) {
            if (elt.hasAttr("name") && !tag.equals("button")) {
                inputs.add(elt);
            }
            for (Element d : elt.getAllElements()) {
                if (d != elt && d.hasAttr("name") && !FormControls.is(d, "button")) {
                    inputs.add(d);
                }
            }
        }
        for (Element input : inputs) {
            String nameProp = FormControls.nameProperty(input);
            String name = nameProp != null && !nameProp.isEmpty() ? nameProp : input.attr("name");
            if (name.isEmpty() || FormControls.matchesDisabled(input) || included.contains(input)) {
                continue;
            }
            included.add(input);
            String type = FormControls.type(input);
            if ("checkbox".equals(type) || "radio".equals(type)) {
                if (FormControls.checked(input)) {
                    fd.append(name, InputValues.checkableValue(input));
                }
            } else if ("file".equals(type)) {
                // no files selected: nothing
            } else if ("select-multiple".equals(type)) {
                for (Element o : FormControls.selectedOptions(input)) {
                    fd.append(name, FormControls.optionValue(o));
                }
            } else {
                String v = FormControls.value(input);
                fd.append(name, v == null ? "undefined" : v); // FormData stringifies an undefined value
            }
        }
    }

    /**
     * #resolveTarget → #findAllExt(elt, selector, "hx-target")[0] ('this' = the elements declaring it), or null
     * when nothing matched; null too for document/window, which have no tag name to identify.
     */
    public static Element resolveTarget(Element send, String selector) {
        Object found = findTarget(send, selector);
        return found instanceof Element e && !(found instanceof Document) ? e : null;
    }

    /** The first of #findAllExt(elt, selector, "hx-target"): an Element, the Document, {@link Selectors#WINDOW}, or null. */
    public static Object findTarget(Element send, String selector) {
        List<Object> found = new ArrayList<>();
        for (String part : Hcon.split(selector)) {
            if (HtmxSelectors.normalize(part).equals("this")) {
                Attributes.h4(send, "hx-target", (val, el) -> {
                    if (val != null && List.of(val.split("\\s*[,:]\\s*", -1)).contains("this")) {
                        found.add(el);
                    }
                });
            }
        }
        String rest = String.join(",", List.of(Hcon.split(selector)).stream()
            .filter(p -> !HtmxSelectors.normalize(p).equals("this")).toList());
        if (!rest.isEmpty()) {
            found.addAll(Selectors.h4All(send, rest));
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** #buildIdentifier: lower-case tag name, then "#" + encodeURI(id) when the id is non-empty. */
    public static String identifier(Element e) {
        String id = e.attr("id");
        return e.normalName().toLowerCase(Locale.ROOT) + (id.isEmpty() ? "" : "#" + encodeUri(id));
    }

    /** JS encodeURI. */
    public static String encodeUri(String s) {
        StringBuilder sb = new StringBuilder();
        String keep = ";,/?:@&=+$-_.!~*'()#";
        for (int i = 0; i < s.length();) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp < 128 && (Character.isLetterOrDigit(cp) || keep.indexOf(cp) >= 0)) {
                sb.appendCodePoint(cp);
            } else if (Character.isSurrogate(s.charAt(i)) && len == 1) {
                throw new Halt("js-error", "an id with a lone surrogate makes encodeURI throw a URIError");
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    sb.append('%').append(String.format("%02X", b & 0xff));
                }
            }
            i += len;
        }
        return sb.toString();
    }
}
