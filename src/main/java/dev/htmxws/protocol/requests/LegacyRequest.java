package dev.htmxws.protocol.requests;

import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.JsString;
import dev.htmxws.protocol.js.JsValue;
import dev.htmxws.protocol.js.JsonText;
import dev.htmxws.protocol.outgoing.Attributes;
import dev.htmxws.protocol.outgoing.Describe;
import dev.htmxws.protocol.outgoing.FormDataList;
import dev.htmxws.protocol.outgoing.Halt;
import dev.htmxws.protocol.outgoing.Htmx1Values;
import dev.htmxws.protocol.outgoing.Htmx2Values;
import dev.htmxws.protocol.outgoing.LegacyExpressions;
import dev.htmxws.protocol.outgoing.LegacyHeaders;
import dev.htmxws.protocol.outgoing.LegacyInputs;
import dev.htmxws.protocol.outgoing.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * htmx 1/2 {@code issueAjaxRequest} up to {@code xhr.send} (docs/spec/sse-and-requests.md §3.3, §3.4): target,
 * submitter overrides, headers, values, validation, URL and body. The two differ in value collection (plain
 * objects against FormData), DELETE (a body in htmx 1, a query in htmx 2), formmethod checks and htmx 2's
 * refusal of other origins.
 */
final class LegacyRequest {
    static final List<String> VERBS = List.of("get", "post", "put", "delete", "patch");
    static final String MULTIPART_BOUNDARY = "----htmxwsFormBoundary0000000000000000";

    private final boolean h1;
    private final List<Warning> warnings = new ArrayList<>();

    LegacyRequest(boolean h1) {
        this.h1 = h1;
    }

    Requests.Built build(Element elt, Element submitter, String pageUrl) {
        Element target = null;
        try {
            String verb = null;
            for (String v : VERBS) {
                if (elt.hasAttr("hx-" + v) || elt.hasAttr("data-hx-" + v)) {
                    if (verb != null) {
                        warnings.add(new Warning("several-verbs", Describe.of(elt) + " has hx-" + verb + " and hx-"
                            + v + ": htmx issues one request per verb (the next queued behind the first);"
                            + " this is the hx-" + verb + " one"));
                        break;
                    }
                    verb = v;
                }
            }
            if (verb == null) {
                throw new Halt("not-a-request", Describe.of(elt) + " has no hx-get/post/put/delete/patch");
            }
            String path = Attributes.legacy(elt, "hx-" + verb);
            if (Selectors.closest(elt, "[hx-disable], [data-hx-disable]") != null) {
                throw new Halt("disabled", Describe.of(elt) + " is inside hx-disable: htmx ignores it");
            }
            if (!PageContext.connected(elt)) {
                throw new Halt("detached", Describe.of(elt) + " is no longer in the page: htmx sends nothing");
            }
            Object found = LegacyInputs.target(elt);
            boolean element = found instanceof Element && !(found instanceof Document);
            if (found == null || (!h1 && !element)) {
                throw new Halt("target-not-found", "hx-target '" + Attributes.closestLegacy(elt, "hx-target") + "' of "
                    + Describe.of(elt) + " matches no element: htmx:targetError, no request is sent");
            }
            if (!(found instanceof Element)) {
                found = elt.ownerDocument(); // window: htmx 1 sends, and fails on the swap as for document
            }
            target = (Element) found;
            if (target instanceof Document) {
                warnings.add(new Warning("target-not-element", "hx-target of " + Describe.of(elt) + " is the document"
                    + " or window: htmx 1 sends the request and then fails to swap into it"));
            }
            boolean isForm = FormControls.is(elt, "form");
            Element button = isForm ? submitter : null; // lastButtonClicked lives on the form only
            if (button != null) {
                if (button.hasAttr("formaction")) {
                    path = button.attr("formaction");
                }
                if (button.hasAttr("formmethod")) {
                    String m = button.attr("formmethod");
                    if (h1 ? !m.toLowerCase(Locale.ROOT).equals("dialog")
                        : VERBS.contains(m.toLowerCase(Locale.ROOT))) {
                        verb = m;
                    } else if (!h1) {
                        throw new Halt("formmethod-refused", "formmethod=\"" + m + "\" on " + Describe.of(button)
                            + " is not an htmx verb: htmx 2 sends nothing");
                    }
                }
            }
            askTheUser(elt);
            return assemble(elt, submitter, pageUrl, verb, path, target);
        } catch (Halt h) {
            warnings.add(h.warning());
        } catch (Selectors.BadSelector b) {
            warnings.add(new Warning("js-error", b.getMessage() + ": querySelectorAll throws and nothing is sent"));
        } catch (HeaderList.Refused | UrlEncoding.UriError e) {
            warnings.add(new Warning("js-error", e.getMessage() + ": htmx sends nothing"));
        } catch (IllegalArgumentException e) {
            warnings.add(new Warning("bad-url", "the page URL '" + pageUrl + "' is not absolute: " + e.getMessage()));
        }
        return new Requests.Built(null, elt, target, warnings);
    }

    /** hx-confirm and hx-prompt ask the user; a CLI answers OK (and an empty text) and says so. */
    private void askTheUser(Element elt) {
        String confirm = Attributes.closestLegacy(elt, "hx-confirm");
        if (confirm != null) {
            warnings.add(new Warning("confirm-assumed", "hx-confirm \"" + confirm + "\" would ask the user;"
                + " htmxws answers OK"));
        }
        String prompt = Attributes.closestLegacy(elt, "hx-prompt");
        if (prompt != null) {
            warnings.add(new Warning("prompt-assumed", "hx-prompt \"" + prompt + "\" would ask the user;"
                + " htmxws answers with empty text (HX-Prompt: \"\")"));
        }
    }

    private Requests.Built assemble(Element elt, Element submitter, String pageUrl, String verb, String path,
        Element target) {
        Map<String, Object> headers = LegacyHeaders.headers(elt, target instanceof Document ? Selectors.WINDOW : target,
            pageUrl, warnings);
        if (target instanceof Document && h1) {
            headers.put("HX-Target", JsValue.UNDEFINED); // document.getAttribute does not exist: undefined
        }
        if (Attributes.closestLegacy(elt, "hx-prompt") != null) {
            headers.put("HX-Prompt", "");
        }
        boolean multipart = usesFormData(elt);
        if (!verb.equals("get") && !multipart) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        }
        List<UrlEncoding.Pair> params;
        List<UrlEncoding.Pair> formParams; // what a FormData body holds: String() of each value, never JSON
        List<String> errors;
        boolean hasValues; // Object.keys(values).length: a key whose array is empty still counts
        if (h1) {
            Htmx1Values values = new Htmx1Values(warnings);
            Map<String, Object> collected = values.collect(elt, submitter, verb);
            params = pairs(collected, true);
            formParams = pairs(collected, false);
            hasValues = !collected.isEmpty();
            errors = values.errors();
        } else {
            Htmx2Values values = new Htmx2Values();
            FormDataList fd = values.inputValues(elt, submitter, verb);
            fd.override(formDataFromObject(LegacyExpressions.expressionVars(elt, warnings)));
            FormDataList filtered = filter(fd, elt);
            params = pairs(filtered);
            hasValues = !filtered.isEmpty();
            formParams = new ArrayList<>();
            filtered.entries().forEach(e -> formParams.add(new UrlEncoding.Pair(e.name(), JsString.of(e.value()))));
            errors = values.errors();
        }
        if (!errors.isEmpty()) {
            throw new Halt("validation-failed", "htmx validation halted the request (htmx:validation:halted): "
                + String.join("; ", errors));
        }
        if (path == null || path.isEmpty()) {
            path = pageUrl; // an empty path is the current location
        }
        Map<String, Object> requestConfig = LegacyExpressions.collect(elt, "hx-request", false, null, warnings)
            .values();
        boolean noHeaders = requestConfig != null && Boolean.TRUE.equals(requestConfig.get("noHeaders"));
        boolean useUrlParams = h1 ? verb.equals("get") : verb.equals("get") || verb.equals("delete");
        String finalPath = path;
        if (useUrlParams) {
            String[] split = path.split("#", -1);
            finalPath = split[0];
            if (hasValues) {
                finalPath += (finalPath.contains("?") ? "&" : "?") + urlEncode(params);
                if (split.length > 1 && !split[1].isEmpty()) {
                    finalPath += "#" + split[1];
                }
            }
        }
        WebUrl url = url(elt, pageUrl, finalPath);
        String method = verb.toUpperCase(Locale.ROOT);
        String body = null;
        if (!useUrlParams) {
            body = multipart ? UrlEncoding.multipart(formParams, MULTIPART_BOUNDARY) : urlEncode(params);
            if (method.equals("GET") || method.equals("HEAD")) {
                if (!params.isEmpty()) {
                    warnings.add(new Warning("values-lost", "the method is " + method + " but htmx took '" + verb
                        + "' for a body verb: the values go to a body that XHR never sends"));
                }
                body = null;
            }
        }
        HeaderList list = new HeaderList(false, warnings);
        if (noHeaders) {
            warnings.add(new Warning("no-headers", "hx-request noHeaders on or above " + Describe.of(elt)
                + ": htmx sets none of its headers, Content-Type included"));
        } else {
            for (String name : JsonText.jsKeyOrder(headers)) {
                list.setSafely(name, headers.get(name));
            }
        }
        if (body != null) {
            if (multipart) {
                warnings.add(new Warning("multipart-boundary", "a multipart body: the browser picks a random boundary,"
                    + " htmxws uses " + MULTIPART_BOUNDARY));
                list.setDefault("Content-Type", "multipart/form-data; boundary=" + MULTIPART_BOUNDARY);
            } else {
                list.setDefault("Content-Type", "text/plain;charset=UTF-8");
            }
        }
        HttpRequest request = new HttpRequest(method, url.withoutFragment().href(), list.toMap(), body);
        return new Requests.Built(request, elt, target, warnings);
    }

    /** The request URL, resolved against the page; htmx 2 refuses another origin (selfRequestsOnly). */
    private WebUrl url(Element elt, String pageUrl, String finalPath) {
        WebUrl url;
        try {
            url = PageContext.baseUrl(elt, pageUrl).resolve(finalPath);
        } catch (IllegalArgumentException e) {
            throw new Halt("bad-url", "'" + finalPath + "' is not a URL XHR can open: htmx sends nothing");
        }
        if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
            throw new Halt("bad-url", "'" + finalPath + "' is not an http(s) URL: the request fails (htmx:sendError)");
        }
        if (!h1 && !url.sameOrigin(WebUrl.parse(pageUrl))) {
            throw new Halt("cross-origin", "'" + url.href() + "' is on another origin than the page: htmx 2"
                + " (selfRequestsOnly) refuses it with htmx:invalidPath and sends nothing");
        }
        return url;
    }

    /** htmx 1/2 usesFormData: hx-encoding (inherited) or the form's own enctype attribute. */
    private static boolean usesFormData(Element elt) {
        return "multipart/form-data".equals(Attributes.closestLegacy(elt, "hx-encoding"))
            || (FormControls.is(elt, "form") && "multipart/form-data".equals(elt.attr("enctype")));
    }

    /** htmx 2 formDataFromObject: arrays append each item, other objects and null go as JSON. */
    private static FormDataList formDataFromObject(Map<String, Object> obj) {
        FormDataList fd = new FormDataList();
        if (obj == null) {
            return fd;
        }
        for (String key : JsonText.jsKeyOrder(obj)) {
            Object v = obj.get(key);
            if (v instanceof List<?> list) {
                list.forEach(x -> fd.append(key, JsString.of(x)));
            } else if (v == null || v instanceof Map) {
                fd.append(key, JsonText.stringify(v));
            } else {
                fd.append(key, JsString.of(v));
            }
        }
        return fd;
    }

    /** htmx 2 filterValues on FormData: every hx-params form works. */
    private static FormDataList filter(FormDataList values, Element elt) {
        String params = Attributes.closestLegacy(elt, "hx-params");
        if (params == null || params.equals("*")) {
            return values;
        }
        if (params.equals("none")) {
            return new FormDataList();
        }
        if (params.startsWith("not ")) {
            for (String n : params.substring(4).split(",", -1)) {
                values.delete(n.strip());
            }
            return values;
        }
        FormDataList out = new FormDataList();
        for (String n : params.split(",", -1)) {
            String name = n.strip();
            values.getAll(name).forEach(v -> out.append(name, v));
        }
        return out;
    }

    /**
     * htmx 1 urlEncode (or makeFormData) over a plain object: own keys in JS order, arrays as repeated names;
     * {@code url} applies appendParam's JSON for objects.
     */
    private static List<UrlEncoding.Pair> pairs(Map<String, Object> values, boolean url) {
        List<UrlEncoding.Pair> out = new ArrayList<>();
        for (String name : JsonText.jsKeyOrder(values)) {
            Object v = values.get(name);
            List<?> items = v instanceof List<?> list ? list : java.util.Collections.singletonList(v);
            for (Object x : items) {
                out.add(url ? param(name, x) : new UrlEncoding.Pair(name, JsString.of(x)));
            }
        }
        return out;
    }

    private static List<UrlEncoding.Pair> pairs(FormDataList fd) {
        List<UrlEncoding.Pair> out = new ArrayList<>();
        fd.entries().forEach(e -> out.add(param(e.name(), e.value())));
        return out;
    }

    /** appendParam: a value whose String() is "[object Object]" goes as JSON, anything else as its String(). */
    private static UrlEncoding.Pair param(String name, Object value) {
        String text = JsString.of(value);
        return new UrlEncoding.Pair(name, text.equals("[object Object]") ? JsonText.stringify(value) : text);
    }

    private static String urlEncode(List<UrlEncoding.Pair> params) {
        StringBuilder b = new StringBuilder();
        for (UrlEncoding.Pair p : params) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(UrlEncoding.encodeUriComponent(p.name())).append('=')
                .append(UrlEncoding.encodeUriComponent(p.value()));
        }
        return b.toString();
    }
}
