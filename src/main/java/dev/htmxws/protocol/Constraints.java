package dev.htmxws.protocol;

import dev.htmxws.protocol.js.JsNumber;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.nodes.Element;

/**
 * {@code element.willValidate} and {@code element.checkValidity()} for the common constraints, as htmx 1/2
 * call them in validateElement: valueMissing (required), typeMismatch (email, url), badInput (number),
 * patternMismatch, tooLong/tooShort, rangeUnderflow/Overflow and stepMismatch (number, date-like).
 *
 * <p>Two places where the stored-attribute convention cannot tell what the browser knows: minlength and
 * maxlength are checked as if the value was typed by the user (browsers check them only after a user
 * edit), and the step base of a number is {@code min} (else 0), because the original {@code value}
 * attribute a browser would use as base has been overwritten by the current value.
 */
public final class Constraints {
    private Constraints() {
    }

    private static final Set<String> READONLY_APPLIES = Set.of("text", "search", "url", "tel", "email",
        "password", "date", "month", "week", "time", "datetime-local", "number");
    private static final Set<String> PATTERN_APPLIES = Set.of("text", "search", "url", "tel", "email",
        "password");
    private static final Set<String> REQUIRED_NOT_APPLICABLE = Set.of("hidden", "range", "color", "submit",
        "image", "reset", "button");
    private static final Pattern EMAIL = Pattern.compile(
        "[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*:(.*)", Pattern.DOTALL);
    private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp", "file");

    public static boolean willValidate(Element e) {
        String tag = FormControls.tag(e);
        if (!Set.of("input", "select", "textarea", "button").contains(tag)) {
            return false;
        }
        if (FormControls.matchesDisabled(e)) {
            return false;
        }
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (FormControls.is(p, "datalist")) {
                return false;
            }
        }
        String type = FormControls.type(e);
        if (tag.equals("button")) {
            return type.equals("submit");
        }
        if (tag.equals("input")) {
            if (Set.of("hidden", "reset", "button").contains(type)) {
                return false;
            }
            return !(e.hasAttr("readonly") && READONLY_APPLIES.contains(type));
        }
        return !(tag.equals("textarea") && e.hasAttr("readonly"));
    }

    /** @return null when valid, else the failing constraint in a few words */
    public static String problem(Element e) {
        String tag = FormControls.tag(e);
        switch (tag) {
            case "select":
                return selectMissing(e) ? "required, nothing selected" : null;
            case "textarea": {
                String v = e.wholeText();
                if (e.hasAttr("required") && v.isEmpty()) {
                    return "required, empty";
                }
                return length(e, v);
            }
            case "input":
                return input(e);
            default:
                return null;
        }
    }

    private static boolean selectMissing(Element select) {
        if (!select.hasAttr("required")) {
            return false;
        }
        List<Element> selected = FormControls.selectedOptions(select);
        if (selected.isEmpty()) {
            return true;
        }
        if (FormControls.isMultiple(select)) {
            return false;
        }
        // the placeholder label option: first option, value "", child of the select itself
        List<Element> opts = FormControls.options(select);
        Element first = opts.isEmpty() ? null : opts.get(0);
        return selected.get(0) == first && first.parent() == select && FormControls.optionValue(first).isEmpty();
    }

    private static String input(Element e) {
        String type = FormControls.inputType(e);
        if (type.equals("checkbox")) {
            return e.hasAttr("required") && !FormControls.checked(e) ? "required, not checked" : null;
        }
        if (type.equals("radio")) {
            return radioMissing(e) ? "required, no option chosen" : null;
        }
        if (type.equals("file")) {
            return e.hasAttr("required") ? "required, no file chosen" : null;
        }
        String raw = e.attr("value");
        String v = FormControls.value(e);
        if (type.equals("number") && !raw.isBlank() && v.isEmpty()) {
            return "not a number";
        }
        if (e.hasAttr("required") && !REQUIRED_NOT_APPLICABLE.contains(type) && v.isEmpty()) {
            return "required, empty";
        }
        if (v.isEmpty()) {
            return null; // the remaining constraints never apply to an empty value
        }
        if (type.equals("email")) {
            for (String part : e.hasAttr("multiple") ? v.split(",", -1) : new String[] {v}) {
                if (!EMAIL.matcher(part).matches()) {
                    return "not an email address";
                }
            }
        }
        if (type.equals("url") && !validUrl(v)) {
            return "not a URL";
        }
        if (PATTERN_APPLIES.contains(type) && e.hasAttr("pattern")) {
            String p = pattern(e.attr("pattern"), v, type.equals("email") && e.hasAttr("multiple"));
            if (p != null) {
                return p;
            }
        }
        String len = length(e, v);
        if (len != null) {
            return len;
        }
        if (type.equals("number")) {
            return numberRange(e, Double.parseDouble(v));
        }
        if (Set.of("date", "month", "week", "time", "datetime-local").contains(type)) {
            if (e.hasAttr("min") && !e.attr("min").isEmpty() && v.compareTo(e.attr("min")) < 0) {
                return "before min " + e.attr("min");
            }
            if (e.hasAttr("max") && !e.attr("max").isEmpty() && v.compareTo(e.attr("max")) > 0) {
                return "after max " + e.attr("max");
            }
        }
        return null;
    }

    private static String numberRange(Element e, double d) {
        String min = e.attr("min").trim();
        String max = e.attr("max").trim();
        if (InputValues.isValidFloat(min) && d < Double.parseDouble(min)) {
            return "below min " + min;
        }
        if (InputValues.isValidFloat(max) && d > Double.parseDouble(max)) {
            return "above max " + max;
        }
        String step = e.attr("step").trim();
        if (step.equalsIgnoreCase("any")) {
            return null;
        }
        double st = InputValues.isValidFloat(step) && Double.parseDouble(step) > 0 ? Double.parseDouble(step) : 1;
        double base = InputValues.isValidFloat(min) ? Double.parseDouble(min) : 0;
        double q = (d - base) / st;
        if (Math.abs(q - Math.rint(q)) > 1e-9) {
            return "not a multiple of step " + JsNumber.toJsString(st);
        }
        return null;
    }

    private static boolean radioMissing(Element radio) {
        String name = radio.attr("name");
        if (name.isEmpty()) {
            return radio.hasAttr("required") && !FormControls.checked(radio);
        }
        Element owner = FormControls.formOwner(radio);
        boolean required = false;
        for (Element r : radio.root().select("input")) {
            if (FormControls.inputType(r).equals("radio") && r.attr("name").equals(name)
                && FormControls.formOwner(r) == owner) {
                if (FormControls.checked(r)) {
                    return false;
                }
                required |= r.hasAttr("required");
            }
        }
        return required;
    }

    private static String length(Element e, String v) {
        int n = v.length(); // UTF-16 code units, as the browser counts
        Integer max = nonNegativeInt(e.attr("maxlength"));
        Integer min = nonNegativeInt(e.attr("minlength"));
        if (max != null && n > max) {
            return "longer than maxlength " + max;
        }
        if (min != null && n > 0 && n < min) {
            return "shorter than minlength " + min;
        }
        return null;
    }

    private static Integer nonNegativeInt(String s) {
        String t = s.trim();
        return t.matches("[0-9]{1,9}") ? Integer.valueOf(t) : null;
    }

    /** The pattern must match the whole value (compiled like JS's 'v' flag; a bad pattern is ignored). */
    private static String pattern(String pattern, String v, boolean multiple) {
        Pattern p;
        try {
            p = Pattern.compile("^(?:" + pattern + ")$");
        } catch (PatternSyntaxException ex) {
            return null;
        }
        for (String part : multiple ? v.split(",", -1) : new String[] {v}) {
            if (!p.matcher(part).matches()) {
                return "does not match pattern " + pattern;
            }
        }
        return null;
    }

    private static boolean validUrl(String v) {
        var m = URL_SCHEME.matcher(v);
        if (!m.matches()) {
            return false;
        }
        String scheme = v.substring(0, v.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
        if (!SPECIAL_SCHEMES.contains(scheme) || scheme.equals("file")) {
            return true;
        }
        String rest = m.group(1).replaceFirst("^[/\\\\]*", "");
        int end = rest.length();
        for (char c : new char[] {'/', '\\', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
        return !host.isEmpty() && !host.matches(".*[\\s<>^|%\\[\\]].*") || host.matches("\\[[0-9a-fA-F:.]+\\]");
    }
}
