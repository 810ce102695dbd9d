package dev.htmxws.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * Reads form-control state from a jsoup DOM the way a browser's IDL properties would report it, under the
 * project's form-state convention: the current state of every control is stored as attributes
 * ({@code value}, {@code checked}, option {@code selected}, textarea text). Everything here is what
 * {@code elt.type}, {@code elt.value}, {@code elt.name}, {@code elt.disabled}, {@code :disabled},
 * {@code elt.form} and {@code form.elements} return in Chromium.
 */
public final class FormControls {
    private FormControls() {
    }

    private static final Set<String> INPUT_TYPES = Set.of("hidden", "text", "search", "tel", "url", "email",
        "password", "date", "month", "week", "time", "datetime-local", "number", "range", "color",
        "checkbox", "radio", "file", "submit", "image", "reset", "button");

    /** Elements with a {@code name} IDL attribute (others read {@code elt.name} as undefined). */
    private static final Set<String> HAS_NAME = Set.of("input", "button", "select", "textarea", "output",
        "fieldset", "form", "a", "iframe", "img", "object", "map", "meta", "embed", "param", "slot");

    /** Elements with a {@code disabled} IDL attribute. */
    private static final Set<String> HAS_DISABLED = Set.of("input", "button", "select", "textarea",
        "fieldset", "optgroup", "option", "link", "style");

    /** "Listed" form-associated elements: what form.elements and elt.form deal with. */
    private static final Set<String> LISTED = Set.of("button", "fieldset", "input", "object", "output",
        "select", "textarea");

    public static String tag(Element e) {
        return e.normalName();
    }

    public static boolean is(Element e, String tag) {
        return e.normalName().equals(tag);
    }

    /** {@code input.type}: the lower-cased attribute when known, else "text". */
    public static String inputType(Element input) {
        String t = input.attr("type").toLowerCase(Locale.ROOT);
        return INPUT_TYPES.contains(t) ? t : "text";
    }

    /** {@code elt.type}, or null where the element has no such property. */
    public static String type(Element e) {
        switch (tag(e)) {
            case "input":
                return inputType(e);
            case "button": {
                String t = e.attr("type").toLowerCase(Locale.ROOT);
                return t.equals("reset") || t.equals("button") ? t : "submit";
            }
            case "select":
                return isMultiple(e) ? "select-multiple" : "select-one";
            case "textarea":
                return "textarea";
            case "output":
                return "output";
            case "fieldset":
                return "fieldset";
            default:
                return null;
        }
    }

    public static boolean isMultiple(Element select) {
        return select.hasAttr("multiple");
    }

    /** {@code elt.name}: the attribute ("" when absent) for elements that have the property, else null. */
    public static String nameProperty(Element e) {
        return HAS_NAME.contains(tag(e)) ? e.attr("name") : null;
    }

    /** {@code elt.disabled}: only the element's own attribute (a disabled fieldset does not show here). */
    public static boolean disabledProperty(Element e) {
        return HAS_DISABLED.contains(tag(e)) && e.hasAttr("disabled");
    }

    /** {@code elt.matches(':disabled')}: own attribute or a disabled fieldset ancestor (legend exception). */
    public static boolean matchesDisabled(Element e) {
        String t = tag(e);
        if (t.equals("option")) {
            Element p = e.parent();
            return e.hasAttr("disabled") || (p != null && is(p, "optgroup") && p.hasAttr("disabled"));
        }
        if (t.equals("optgroup")) {
            return e.hasAttr("disabled");
        }
        if (!Set.of("button", "input", "select", "textarea", "fieldset").contains(t)) {
            return false;
        }
        return e.hasAttr("disabled") || inDisabledFieldset(e);
    }

    /** Descendant of a fieldset[disabled] and not inside that fieldset's first legend child. */
    public static boolean inDisabledFieldset(Element e) {
        Element child = e;
        for (Element p = e.parent(); p != null; child = p, p = p.parent()) {
            if (is(p, "fieldset") && p.hasAttr("disabled")) {
                Element firstLegend = null;
                for (Element c : p.children()) {
                    if (is(c, "legend")) {
                        firstLegend = c;
                        break;
                    }
                }
                if (child != firstLegend) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code elt.closest('fieldset[disabled]') != null} (htmx 1/2's cruder test: no legend exception). */
    public static boolean closestDisabledFieldset(Element e) {
        for (Element p = e; p != null; p = p.parent()) {
            if (is(p, "fieldset") && p.hasAttr("disabled")) {
                return true;
            }
        }
        return false;
    }

    public static boolean checked(Element e) {
        return is(e, "input") && e.hasAttr("checked");
    }

    /** The select's list of options: option children and option children of optgroup children. */
    public static List<Element> options(Element select) {
        List<Element> out = new ArrayList<>();
        for (Element c : select.children()) {
            if (is(c, "option")) {
                out.add(c);
            } else if (is(c, "optgroup")) {
                for (Element o : c.children()) {
                    if (is(o, "option")) {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Selected options under the convention: those with {@code selected}; a single select keeps only the
     * last one (the parser unselects earlier ones) and, with none marked and display size 1, selects its
     * first non-disabled option like a browser does.
     */
    public static List<Element> selectedOptions(Element select) {
        List<Element> opts = options(select);
        List<Element> marked = new ArrayList<>();
        for (Element o : opts) {
            if (o.hasAttr("selected")) {
                marked.add(o);
            }
        }
        if (isMultiple(select)) {
            return marked;
        }
        if (!marked.isEmpty()) {
            return List.of(marked.get(marked.size() - 1));
        }
        if (displaySize(select) > 1) {
            return List.of();
        }
        for (Element o : opts) {
            if (!matchesDisabled(o)) {
                return List.of(o);
            }
        }
        return List.of();
    }

    private static int displaySize(Element select) {
        try {
            int n = Integer.parseInt(select.attr("size").trim());
            return n > 0 ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** option.value: the attribute, else the text with ASCII whitespace stripped and collapsed. */
    public static String optionValue(Element option) {
        if (option.hasAttr("value")) {
            return option.attr("value");
        }
        return collapse(option.wholeText()); // not text(): that would also collapse U+00A0
    }

    public static String collapse(String s) {
        return s.replaceAll("[\\t\\n\\f\\r ]+", " ").replaceAll("^ | $", "");
    }

    /** {@code elt.value} as a string, or null where the element has no value property. */
    public static String value(Element e) {
        switch (tag(e)) {
            case "input":
                return InputValues.sanitized(e);
            case "button":
            case "data":
            case "param":
                return e.attr("value");
            case "select": {
                List<Element> sel = selectedOptions(e);
                return sel.isEmpty() ? "" : optionValue(sel.get(0));
            }
            case "textarea":
                return e.wholeText();
            case "output":
                return e.wholeText();
            case "option":
                return optionValue(e);
            default:
                return null;
        }
    }

    public static boolean isListed(Element e) {
        return LISTED.contains(tag(e));
    }

    /**
     * {@code elt.form}: for listed elements the form named by the {@code form} attribute (null if that id is
     * not a form), else the nearest ancestor form. Null for elements without the property too; callers that
     * need {@code elt.form || closest('form')} use {@link #relatedForm}.
     */
    public static Element formOwner(Element e) {
        if (!isListed(e)) {
            return null;
        }
        if (e.hasAttr("form")) {
            String id = e.attr("form"); // form="" names no element (and jsoup's getElementById refuses "")
            Element f = e.ownerDocument() == null || id.isEmpty() ? null : e.ownerDocument().getElementById(id);
            return f != null && is(f, "form") ? f : null;
        }
        return closest(e, "form");
    }

    /** htmx 2/4 {@code elt.form || elt.closest('form')}. */
    public static Element relatedForm(Element e) {
        Element f = formOwner(e);
        return f != null ? f : closest(e, "form");
    }

    public static Element closest(Element e, String tag) {
        for (Element p = e; p != null; p = p.parent()) {
            if (is(p, tag)) {
                return p;
            }
        }
        return null;
    }

    /** {@code form.elements}: listed elements owned by the form, in tree order, without image buttons. */
    public static List<Element> elements(Element form) {
        List<Element> out = new ArrayList<>();
        for (Element e : form.root().getAllElements()) {
            if (isListed(e) && formOwner(e) == form
                && !(is(e, "input") && inputType(e).equals("image"))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Whether {@code a} is {@code b} or one of its ancestors. */
    public static boolean isInclusiveAncestor(Element a, Element b) {
        for (Element p = b; p != null; p = p.parent()) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- what a user does to a field

    public static boolean isCheckable(Element e) {
        return is(e, "input") && (inputType(e).equals("checkbox") || inputType(e).equals("radio"));
    }

    /** Text-like inputs and textareas hold a typed value; buttons, boxes and hidden fields do not. */
    public static boolean isTextLike(Element e) {
        if (is(e, "textarea")) {
            return true;
        }
        return is(e, "input")
            && !List.of("hidden", "checkbox", "radio", "submit", "reset", "button", "image", "file")
                .contains(inputType(e));
    }

    public static boolean isSubmitButton(Element e) {
        return (is(e, "button") && "submit".equals(type(e)))
            || (is(e, "input") && (inputType(e).equals("submit") || inputType(e).equals("image")));
    }

    /**
     * Sets a control as a user would leave it (the oracle's {@code fill} rules) and returns whether anything
     * changed. Checkbox: a boolean sets it, a string or list checks exactly those values; radio: checks the
     * one with that value (unchecking its group); select: selects exactly those option values; any other
     * field: its value. The state goes into attributes, so every reader and the canonical DOM see it.
     */
    public static boolean set(Element e, Object v) {
        if (isCheckable(e)) {
            String mine = InputValues.checkableValue(e);
            boolean want;
            if (v instanceof Boolean b) {
                want = b;
            } else if (v instanceof java.util.Collection<?> c) {
                want = c.stream().map(String::valueOf).anyMatch(x -> x.equals(mine));
            } else {
                want = String.valueOf(v).equals(mine);
            }
            if (want == e.hasAttr("checked")) {
                return false;
            }
            if (want) {
                e.attr("checked", "");
                if (inputType(e).equals("radio")) {
                    uncheckGroup(e);
                }
            } else {
                e.removeAttr("checked");
            }
            return true;
        }
        if (is(e, "select")) {
            List<String> wanted = new ArrayList<>();
            if (v instanceof java.util.Collection<?> c) {
                c.forEach(x -> wanted.add(String.valueOf(x)));
            } else {
                wanted.add(String.valueOf(v));
            }
            boolean changed = false;
            boolean picked = false;
            for (Element o : options(e)) {
                boolean want = wanted.contains(optionValue(o)) && (isMultiple(e) || !picked);
                picked |= want;
                if (want != o.hasAttr("selected")) {
                    changed = true;
                    if (want) {
                        o.attr("selected", "");
                    } else {
                        o.removeAttr("selected");
                    }
                }
            }
            return changed;
        }
        String text = String.valueOf(v);
        if (is(e, "textarea")) {
            if (e.wholeText().equals(text)) {
                return false;
            }
            e.text(text);
            return true;
        }
        if (text.equals(e.attr("value"))) {
            return false;
        }
        e.attr("value", text);
        return true;
    }

    private static void uncheckGroup(Element radio) {
        String name = radio.attr("name");
        if (name.isEmpty()) {
            return;
        }
        Element form = formOwner(radio);
        Element scope = form != null ? form : radio.root();
        for (Element other : scope.select("input[type=radio]")) {
            if (other != radio && other.attr("name").equals(name) && formOwner(other) == form) {
                other.removeAttr("checked");
            }
        }
    }

    /** Browser constraint validation before a submission: the first control that fails, or null. */
    public static Element firstInvalid(Element form) {
        for (Element c : elements(form)) {
            if (Constraints.willValidate(c) && Constraints.problem(c) != null) {
                return c;
            }
        }
        return null;
    }
}
