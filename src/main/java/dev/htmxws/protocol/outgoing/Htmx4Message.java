package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.HtmxSelectors;
import dev.htmxws.protocol.InputValues;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * H4: the frame of {@code htmx.org@4.0.1 dist/ext/hx-ws.js › sendMessage} (docs/spec/protocol.md §1.3, §1.4):
 * values from {@code #collectFormData}, the element's own hx-vals (JSON/HCON), then a lowercase
 * {@code headers} key from the core request context. No hx-headers, hx-params, hx-vars or validation.
 */
final class Htmx4Message {
    private final List<Warning> warnings = new ArrayList<>();

    Outgoing build(Element send, Element connect, Element submitter, String pageUrl) {
        try {
            String url = connect == null ? null : Attributes.h4Attr(connect, "hx-ws:connect");
            if (url == null || url.isEmpty()) {
                throw new Halt("no-connection", Describe.of(send)
                    + ": htmx:ws:error 'No WebSocket connection found for element', nothing is sent");
            }
            warnIgnored(send);
            Map<String, Object> headers = headers(send, pageUrl);
            Element form = FormControls.relatedForm(send);
            FormDataList formData = collectFormData(send, form, submitter);
            Map<String, Object> values = toObject(formData);
            String vals = Attributes.h4(send, "hx-vals", null);
            if (vals != null && !vals.isEmpty()) {
                if (vals.startsWith("js:") || vals.startsWith("javascript:")) {
                    warnings.add(new Warning("not-evaluable", "hx-vals=\"" + vals + "\" for " + Describe.of(send)
                        + " is JavaScript, which htmxws cannot evaluate: its values are not sent"));
                } else {
                    Map<String, Object> obj;
                    try {
                        obj = Hcon.parse(vals);
                    } catch (JsonText.SyntaxError e) {
                        throw new Halt("js-error", "hx-vals for " + Describe.of(send) + " starts with '{' but is not "
                            + "valid JSON (" + e.getMessage() + "): htmx throws and nothing is sent");
                    }
                    for (String k : JsonText.jsKeyOrder(obj)) {
                        if (!k.equals("__proto__")) {
                            values.put(k, obj.get(k)); // Object.assign
                        }
                    }
                }
            }
            if (values.containsKey("headers")) {
                values.remove("headers");
                warnings.add(new Warning("field-dropped", "a value named \"headers\" (field or hx-vals) of "
                    + Describe.of(send) + " is deleted by htmx 4 before sending"));
            }
            Map<String, Object> message = new LinkedHashMap<>(values);
            message.put("headers", headers);
            return new Outgoing(JsonText.stringify(message), warnings);
        } catch (Halt h) {
            warnings.add(h.warning);
            return new Outgoing(null, warnings);
        } catch (Selectors.BadSelector b) {
            warnings.add(new Warning("js-error", b.getMessage() + ": querySelectorAll throws and nothing is sent"));
            return new Outgoing(null, warnings);
        }
    }

    /** Attributes htmx 4 ws sends do not honour, which a migrated page may still carry. */
    private void warnIgnored(Element send) {
        for (Element e = send; e != null; e = e.parent()) {
            boolean own = e == send;
            for (String a : List.of("hx-headers", "hx-headers:inherited", "data-hx-headers",
                "data-hx-headers:inherited")) {
                if (e.hasAttr(a) && (own || a.endsWith(":inherited"))) {
                    warnings.add(new Warning("headers-not-sent", a + " on " + Describe.of(e)
                        + " is not applied to htmx 4 WebSocket messages"));
                }
            }
        }
        for (String a : List.of("hx-params", "hx-vars")) {
            if (Attributes.legacy(send, a) != null) {
                warnings.add(new Warning("ignored-attribute", a + " on " + Describe.of(send)
                    + " does not exist in htmx 4 and is ignored"));
            }
        }
    }

    /** #createCoreHeaders + HX-Target of #createRequestContext, minus Accept, plus hx-config headers. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> headers(Element send, String pageUrl) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("HX-Request", "true");
        h.put("HX-Source", identifier(send));
        h.put("HX-Current-URL", pageUrl);
        h.put("Accept", "text/html");
        String targetSel = Attributes.h4(send, "hx-target", null);
        Element target = targetSel == null ? send : resolveTarget(send, targetSel);
        if (target != null) {
            h.put("HX-Target", identifier(target));
        } else {
            warnings.add(new Warning("target-not-found", "hx-target '" + targetSel + "' for " + Describe.of(send)
                + " matches nothing: htmx 4 sends no HX-Target header"));
        }
        String hxConfig = Attributes.h4(send, "hx-config", null);
        if (hxConfig != null && !hxConfig.isEmpty()) {
            try {
                Map<String, Object> cfg = Hcon.parse(hxConfig);
                if (cfg.get("headers") instanceof Map<?, ?> extra) {
                    Hcon.merge((Map<String, Object>) extra, h);
                }
            } catch (JsonText.SyntaxError e) {
                throw new Halt("js-error", "hx-config for " + Describe.of(send) + " is not valid JSON: htmx throws");
            }
        }
        h.remove("Accept");
        return h;
    }

    /** #resolveTarget → #findAllExt(elt, selector, "hx-target")[0]; 'this' = elements declaring it. */
    private static Element resolveTarget(Element send, String selector) {
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
        for (Object o : found) {
            if (o instanceof Element e && !(o instanceof Document)) {
                return e;
            }
            return null; // document/window have no tagName: buildIdentifier would throw; treat as no target
        }
        return null;
    }

    /** #buildIdentifier: lower-case tag name, then "#" + encodeURI(id) when the id is non-empty. */
    static String identifier(Element e) {
        String id = e.attr("id");
        return e.normalName().toLowerCase(Locale.ROOT) + (id.isEmpty() ? "" : "#" + encodeUri(id));
    }

    /** JS encodeURI. */
    static String encodeUri(String s) {
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

    /** #collectFormData(elt, form, submitter) with no validation and isGet undefined. */
    private FormDataList collectFormData(Element elt, Element form, Element submitter) {
        if (submitter == null && form != null && "submit".equals(FormControls.type(elt))) {
            submitter = elt; // a submit button that sends is its own submitter
        }
        FormDataList fd = form != null ? FormDataList.of(form) : new FormDataList();
        Set<Element> included = form != null ? new HashSet<>(FormControls.elements(form)) : new HashSet<>();
        if (form == null) {
            addInputValues(elt, included, fd);
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
                addInputValues(n, included, fd);
            }
        }
        return fd;
    }

    /** #addInputValues: a BUTTON or custom element contributes itself, anything else its named descendants. */
    private static void addInputValues(Element elt, Set<Element> included, FormDataList fd) {
        String tag = elt.normalName();
        List<Element> inputs = new ArrayList<>();
        if (tag.equals("button") || tag.contains("-")) {
            inputs.add(elt);
        } else if (elt != elt.ownerDocument().body()) {
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

    /** {@code for [k, v] of formData}: first value scalar, repeats make an array ({@code key in values}). */
    private Map<String, Object> toObject(FormDataList fd) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FormDataList.Entry e : fd.entries) {
            String k = e.name();
            if (k.equals("__proto__")) {
                warnings.add(new Warning("field-dropped", "field \"__proto__\" cannot become a JSON key"));
                continue;
            }
            Object current = JsValue.get(values, k);
            if (current == JsValue.UNDEFINED) {
                values.put(k, e.value());
                continue;
            }
            if (current == JsValue.FUNCTION) {
                warnings.add(new Warning("field-dropped", "field \"" + k + "\" collides with Object.prototype: "
                    + "htmx 4 sends it as an array starting with null"));
            }
            List<Object> arr = new ArrayList<>();
            if (current instanceof List<?> l) {
                arr.addAll(l);
            } else {
                arr.add(current);
            }
            arr.add(e.value());
            values.put(k, arr);
        }
        return values;
    }
}
