package dev.htmxws.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * What a user does on the page, as the browser turns it into DOM events: filling fields, clicking,
 * typing, pressing keys, submitting. The natural event of each element follows the oracle's step rules, so a
 * session can replay a recorded scenario.
 */
public final class UserActions {

    private final HtmxPage page;
    private final Triggers triggers;
    private Element focused;

    UserActions(HtmxPage page, Triggers triggers) {
        this.page = page;
        this.triggers = triggers;
    }

    /**
     * Sets fields by name inside {@code scope} as a user would leave them, firing input then change on each
     * field that changed (not on hidden inputs).
     */
    public void fill(Map<String, Object> values, Element scope) {
        Element in = scope == null ? page.dom().document().body() : scope;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            List<Element> fields = in.select("input, select, textarea").stream()
                .filter(f -> f.attr("name").equals(e.getKey())).toList();
            if (fields.isEmpty()) {
                page.warn(new Warning("no-such-field", "no field named \"" + e.getKey() + "\" to fill"));
            }
            for (Element f : fields) {
                boolean hidden = f.normalName().equals("input") && FormControls.inputType(f).equals("hidden");
                if (FormControls.set(f, e.getValue()) && !hidden) {
                    triggers.dispatch(f, "input", Map.of(), null);
                    triggers.dispatch(f, "change", Map.of(), null);
                }
            }
        }
    }

    /** The element's natural event: a form is submitted, a button clicked, a field changed. */
    public void submit(Element el, Element submitter) {
        String tag = el.normalName();
        String type = tag.equals("input") ? FormControls.inputType(el) : "";
        if (tag.equals("form")) {
            requestSubmit(el, submitter);
        } else if (tag.equals("button")
            || (tag.equals("input") && List.of("submit", "button", "image", "reset").contains(type))) {
            click(el);
        } else if (tag.equals("input") || tag.equals("select") || tag.equals("textarea")) {
            triggers.dispatch(el, "change", Map.of(), null);
        } else {
            click(el);
        }
    }

    /** A pointer click: the element takes focus first (htmx 2 remembers a focused submit button). */
    public void pointerClick(Element el) {
        triggers.dispatch(el, "mousedown", Map.of(), null);
        focus(isFocusable(el) ? el : null);
        triggers.dispatch(el, "mouseup", Map.of(), null);
        click(el);
    }

    /**
     * {@code HTMLElement.click()}: a click event, then the element's default action unless cancelled. A
     * disabled form control gets no click at all.
     */
    public void click(Element el) {
        if (FormControls.matchesDisabled(el)) {
            return;
        }
        boolean box = FormControls.isCheckable(el);
        if (box) {
            FormControls.set(el, !el.hasAttr("checked") || FormControls.inputType(el).equals("radio"));
        }
        DomEvent ev = triggers.dispatch(el, "click", Map.of("button", 0), null);
        if (ev.defaultPrevented) {
            return;
        }
        if (box) {
            triggers.dispatch(el, "input", Map.of(), null);
            triggers.dispatch(el, "change", Map.of(), null);
            return;
        }
        Element button = el.closest("button, input[type=submit], input[type=image]");
        if (button != null && FormControls.isSubmitButton(button) && !button.hasAttr("disabled")) {
            Element form = FormControls.relatedForm(button);
            if (form != null) {
                submitForm(form, button);
            }
            return;
        }
        Element link = el.closest("a[href]");
        if (link != null && !link.attr("href").startsWith("#")) {
            page.warn(new Warning("navigation", "the click on " + HtmxPage.describe(link)
                + " is not cancelled by htmx: a browser would navigate to " + link.attr("href")));
        }
    }

    /** Focus, then one key at a time: keydown, keypress, the character, input, keyup. */
    public void type(Element el, String text) {
        focus(el);
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            triggers.dispatch(el, "keydown", key(ch), null);
            triggers.dispatch(el, "keypress", key(ch), null);
            if (FormControls.isTextLike(el)) {
                FormControls.set(el, FormControls.value(el) + ch);
            }
            triggers.dispatch(el, "input", Map.of(), null);
            triggers.dispatch(el, "keyup", key(ch), null);
            i += Character.charCount(cp);
        }
    }

    /** One key press; Enter in a text field of a form submits it as a browser does (implicit submission). */
    public void press(Element el, String keyName) {
        focus(el);
        triggers.dispatch(el, "keydown", key(keyName), null);
        DomEvent press = triggers.dispatch(el, "keypress", key(keyName), null);
        if (keyName.equals("Enter") && !press.defaultPrevented && el.normalName().equals("input")
            && FormControls.isTextLike(el)) {
            Element form = FormControls.relatedForm(el);
            if (form != null) {
                Element dflt = form.select("button, input[type=submit], input[type=image]").stream()
                    .filter(FormControls::isSubmitButton).findFirst().orElse(null);
                if (dflt != null) {
                    click(dflt);
                } else {
                    requestSubmit(form, null);
                }
            }
        }
        triggers.dispatch(el, "keyup", key(keyName), null);
    }

    /** Fires any event on an element, for an explicit {@code hx-trigger} (a custom event, {@code keyup}…). */
    public void trigger(Element el, String event, Map<String, Object> properties) {
        triggers.dispatch(el, event, properties == null ? Map.of() : properties, null);
    }

    /** Sets the field (and its form's same-named ones) to {@code value}, or just fires change when null. */
    public void change(Element el, Object value) {
        if (value == null) {
            triggers.dispatch(el, "change", Map.of(), null);
            return;
        }
        Element scope = FormControls.relatedForm(el);
        Map<String, Object> v = new HashMap<>();
        v.put(el.attr("name"), value);
        fill(v, scope);
    }

    /** {@code form.requestSubmit(submitter)}: constraint validation, then the submit event. */
    public void requestSubmit(Element form, Element submitter) {
        submitForm(form, submitter);
    }

    private void submitForm(Element form, Element submitter) {
        boolean validate = !form.hasAttr("novalidate") && (submitter == null || !submitter.hasAttr("formnovalidate"));
        Element invalid = validate ? FormControls.firstInvalid(form) : null;
        if (invalid != null) {
            page.warn(new Warning("form-invalid", "the browser blocks the submission of " + HtmxPage.describe(form)
                + ": " + HtmxPage.describe(invalid) + (invalid.hasAttr("name") ? " (" + invalid.attr("name") + ")" : "")
                + " does not satisfy its constraints"));
            return;
        }
        DomEvent ev = triggers.dispatch(form, "submit", Map.of(), submitter);
        if (!ev.defaultPrevented) {
            page.warn(new Warning("navigation", "the submission of " + HtmxPage.describe(form)
                + " is not cancelled by htmx: a browser would navigate away (native form submission)"));
        }
    }

    private void focus(Element el) {
        if (el == focused) {
            return;
        }
        if (focused != null && HtmxPage.attached(focused)) {
            triggers.dispatch(focused, "focusout", Map.of(), null);
        }
        focused = el;
        if (el != null) {
            triggers.dispatch(el, "focusin", Map.of(), null);
        }
    }

    private static boolean isFocusable(Element el) {
        String tag = el.normalName();
        return (List.of("button", "input", "select", "textarea").contains(tag) && !el.hasAttr("disabled"))
            || (tag.equals("a") && el.hasAttr("href")) || el.hasAttr("tabindex");
    }

    private static Map<String, Object> key(String key) {
        Map<String, Object> m = new HashMap<>();
        m.put("key", key);
        m.put("code", key.length() == 1 ? "Key" + key.toUpperCase(java.util.Locale.ROOT) : key);
        m.put("keyCode",
            key.equals("Enter") ? 13 : key.length() == 1 ? (int) key.toUpperCase(java.util.Locale.ROOT).charAt(0) : 0);
        m.put("ctrlKey", false);
        m.put("shiftKey", false);
        m.put("altKey", false);
        m.put("metaKey", false);
        m.put("repeat", false);
        return m;
    }
}
