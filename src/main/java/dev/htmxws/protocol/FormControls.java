package dev.htmxws.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * The state of form controls, kept in the DOM as attributes so that it is visible to every reader and to
 * the canonical DOM: a text field's {@code value}, a box's {@code checked}, an option's {@code selected},
 * a textarea's text.
 */
public final class FormControls {

    private FormControls() {
    }

    public static String type(Element e) {
        return e.attr("type").toLowerCase(Locale.ROOT);
    }

    public static boolean isCheckable(Element e) {
        return e.normalName().equals("input") && (type(e).equals("checkbox") || type(e).equals("radio"));
    }

    /** The value a script would read from {@code elt.value}. */
    public static String value(Element e) {
        return switch (e.normalName()) {
            case "textarea" -> e.wholeText();
            case "select" -> {
                List<Element> sel = selectedOptions(e);
                yield sel.isEmpty() ? "" : optionValue(sel.get(0));
            }
            case "input" -> isCheckable(e) && !e.hasAttr("value") ? "on" : e.attr("value");
            case "button", "option" -> e.normalName().equals("option") ? optionValue(e) : e.attr("value");
            default -> e.attr("value");
        };
    }

    public static String optionValue(Element option) {
        return option.hasAttr("value") ? option.attr("value") : option.text().strip().replaceAll("\\s+", " ");
    }

    public static List<Element> selectedOptions(Element select) {
        List<Element> options = select.select("option");
        List<Element> out = new ArrayList<>();
        for (Element o : options) {
            if (o.hasAttr("selected")) {
                out.add(o);
            }
        }
        if (out.isEmpty() && !select.hasAttr("multiple")) {
            for (Element o : options) {
                if (!o.hasAttr("disabled")) {
                    out.add(o);
                    break;
                }
            }
        }
        if (!select.hasAttr("multiple") && out.size() > 1) {
            return List.of(out.get(out.size() - 1));
        }
        return out;
    }

    /**
     * Sets a control as a user would leave it (the oracle's {@code fill} rules); returns whether anything
     * changed. Checkbox: a boolean sets it, a string or list checks exactly those values; radio: checks the
     * one with that value; select: selects exactly those option values; any other field: its value.
     */
    public static boolean set(Element e, Object v) {
        String tag = e.normalName();
        if (isCheckable(e)) {
            boolean want;
            if (v instanceof Boolean b) {
                want = b;
            } else if (v instanceof Collection<?> c) {
                want = c.stream().map(String::valueOf).anyMatch(x -> x.equals(value(e)));
            } else {
                want = String.valueOf(v).equals(value(e));
            }
            if (want == e.hasAttr("checked")) {
                return false;
            }
            if (want) {
                e.attr("checked", "");
                if (type(e).equals("radio")) {
                    uncheckOthers(e);
                }
            } else {
                e.removeAttr("checked");
            }
            return true;
        }
        if (tag.equals("select")) {
            List<String> wanted = new ArrayList<>();
            if (v instanceof Collection<?> c) {
                c.forEach(x -> wanted.add(String.valueOf(x)));
            } else {
                wanted.add(String.valueOf(v));
            }
            boolean changed = false;
            boolean multiple = e.hasAttr("multiple");
            boolean picked = false;
            for (Element o : e.select("option")) {
                boolean want = wanted.contains(optionValue(o)) && (multiple || !picked);
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
        String s = String.valueOf(v);
        if (tag.equals("textarea")) {
            if (e.wholeText().equals(s)) {
                return false;
            }
            e.text(s);
            return true;
        }
        if (s.equals(e.attr("value"))) {
            return false;
        }
        e.attr("value", s);
        return true;
    }

    private static void uncheckOthers(Element radio) {
        String name = radio.attr("name");
        if (name.isEmpty()) {
            return;
        }
        Element scope = radio.closest("form");
        if (scope == null) {
            scope = radio.ownerDocument() == null ? radio.root() : radio.ownerDocument();
        }
        for (Element other : scope.select("input[type=radio]")) {
            if (other != radio && other.attr("name").equals(name)) {
                other.removeAttr("checked");
            }
        }
    }

    /** Text-like inputs hold a typed value; buttons, boxes and hidden fields do not. */
    public static boolean isTextLike(Element e) {
        if (e.normalName().equals("textarea")) {
            return true;
        }
        if (!e.normalName().equals("input")) {
            return false;
        }
        return !List.of("hidden", "checkbox", "radio", "submit", "reset", "button", "image", "file").contains(type(e));
    }

    public static boolean isSubmitButton(Element e) {
        String tag = e.normalName();
        return (tag.equals("button") && (type(e).isEmpty() || type(e).equals("submit")))
            || (tag.equals("input") && (type(e).equals("submit") || type(e).equals("image")));
    }

    /** The form a control belongs to: its {@code form} attribute's target, else the closest form. */
    public static Element formOf(Element e) {
        String id = e.attr("form");
        if (!id.isEmpty() && e.ownerDocument() != null) {
            Element f = e.ownerDocument().getElementById(id);
            if (f != null && f.normalName().equals("form")) {
                return f;
            }
        }
        return e.closest("form");
    }

    /** Browser constraint validation for the constraints people use on ws forms; the first failing control or null. */
    public static Element firstInvalid(Element form) {
        for (Element c : form.select("input, select, textarea")) {
            if (c.hasAttr("disabled") || c.closest("fieldset[disabled]") != null) {
                continue;
            }
            String t = type(c);
            if (t.equals("hidden") || t.equals("submit") || t.equals("button") || t.equals("reset") || t.equals("image")) {
                continue;
            }
            if (c.hasAttr("required")) {
                boolean empty = isCheckable(c) ? !checkedInGroup(c) : value(c).isEmpty();
                if (empty) {
                    return c;
                }
            }
            String v = value(c);
            if (!v.isEmpty() && c.hasAttr("pattern") && !isCheckable(c)) {
                try {
                    if (!v.matches(c.attr("pattern"))) {
                        return c;
                    }
                } catch (java.util.regex.PatternSyntaxException ignored) {
                    // the browser ignores an invalid pattern
                }
            }
            if (!v.isEmpty() && c.hasAttr("minlength") && v.length() < parseInt(c.attr("minlength"))) {
                return c;
            }
        }
        return null;
    }

    private static boolean checkedInGroup(Element c) {
        if (type(c).equals("checkbox") || c.attr("name").isEmpty()) {
            return c.hasAttr("checked");
        }
        Element scope = c.closest("form");
        for (Element r : (scope == null ? c.root() : scope).select("input[type=radio]")) {
            if (r.attr("name").equals(c.attr("name")) && r.hasAttr("checked")) {
                return true;
            }
        }
        return false;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
