package dev.htmxws.protocol.requests;

import dev.htmxws.protocol.Constraints;
import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import dev.htmxws.protocol.js.JsString;
import dev.htmxws.protocol.js.JsonText;
import dev.htmxws.protocol.outgoing.Attributes;
import dev.htmxws.protocol.outgoing.Describe;
import dev.htmxws.protocol.outgoing.FormDataList;
import dev.htmxws.protocol.outgoing.Halt;
import dev.htmxws.protocol.outgoing.Htmx4Values;
import dev.htmxws.protocol.outgoing.Selectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * htmx 4 {@code #createRequestContext}, {@code #handleTriggerEvent} and {@code #issueRequest} up to the fetch
 * (docs/spec/sse-and-requests.md §3.3, §3.4): method and action, the target resolved now (a miss leaves no
 * HX-Target and the element itself as target), the core headers, hx-config and hx-headers (which override
 * anything), values (GET/DELETE into the query, replacing keys already there), validation and the fetch's own
 * rules (same origin only, no body on GET/HEAD).
 */
final class Htmx4Request {
    static final List<String> VERBS = List.of("get", "post", "put", "patch", "delete", "query");
    private static final Set<String> VALIDATING = Set.of("input", "select", "textarea", "button");

    private final boolean sseExtension;
    private final List<Warning> warnings = new ArrayList<>();

    Htmx4Request(boolean sseExtension) {
        this.sseExtension = sseExtension;
    }

    Requests.Built build(Element elt, Element submitter, String pageUrl) {
        return build(elt, submitter, pageUrl, null, null);
    }

    /**
     * @param ajaxMethod  with {@code ajaxAction}: htmx.ajax(method, url, {source: elt}) — the element's context (its
     *                    target, values, headers) with this method and URL (htmx 4's hx-sse:connect); null otherwise
     */
    Requests.Built build(Element elt, Element submitter, String pageUrl, String ajaxMethod, String ajaxAction) {
        Element target = null;
        try {
            if (!PageContext.connected(elt)) {
                throw new Halt("detached", Describe.of(elt) + " is no longer in the page: htmx sends nothing");
            }
            String method = ajaxMethod != null ? ajaxMethod : Attributes.h4(elt, "hx-method", null);
            String action = ajaxAction != null ? ajaxAction : Attributes.h4(elt, "hx-action", null);
            if (action == null || action.isEmpty()) {
                for (String verb : VERBS) {
                    String v = Attributes.h4(elt, "hx-" + verb, null);
                    if (v != null) {
                        action = v;
                        method = verb;
                        break;
                    }
                }
            }
            if (method == null || method.isEmpty()) {
                method = submitter != null && submitter.hasAttr("formmethod") && !submitter.attr("formmethod").isEmpty()
                    ? submitter.attr("formmethod")
                    : !elt.attr("method").isEmpty() ? elt.attr("method") : "GET";
            }
            method = method.toUpperCase(Locale.ROOT);
            String[] split = (action == null ? "" : action).split("#", -1);
            action = split[0];

            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("HX-Request", "true");
            headers.put("HX-Source", Htmx4Values.identifier(elt));
            headers.put("HX-Current-URL", pageUrl);
            headers.put("Accept", "text/html");
            target = target(elt, headers);
            Map<String, Object> config = config(elt, headers);
            if (config.containsKey("action")) {
                action = JsString.of(config.get("action"));
            }
            if (config.containsKey("method")) {
                method = JsString.of(config.get("method"));
            }
            boolean validate = validates(elt, submitter, config);

            boolean usesQuery = method.contains("GET") || method.contains("DELETE");
            Element form = usesQuery ? (FormControls.is(elt, "form") ? elt : null) : FormControls.relatedForm(elt);
            if (validate) {
                checkValidity(elt, form);
            }
            FormDataList body = Htmx4Values.collectFormData(elt, form, submitter, usesQuery);
            Map<String, Object> vals = Htmx4Values.vals(elt, warnings);
            if (vals != null) {
                for (String key : JsonText.jsKeyOrder(vals)) {
                    Object v = vals.get(key);
                    if (v instanceof Map) {
                        warnings.add(new Warning("vals-object", "hx-vals key '" + key + "' of " + Describe.of(elt)
                            + " holds an object: htmx 4 sends it as [object Object]"));
                    }
                    body.set(key, JsString.of(v)); // FormData.set: String(value), in place of the first
                }
            }
            hxHeaders(elt, headers);
            if (sseExtension) {
                Object accept = headers.get("Accept") != null ? headers.get("Accept") : headers.get("accept");
                headers.put("Accept", (accept == null ? "text/html" : JsString.of(accept)) + ", text/event-stream");
            }
            if (method.equals("DIALOG")) {
                throw new Halt("dialog", "the method is dialog: htmx 4 sends nothing");
            }
            if (action.startsWith("js:") || action.startsWith("javascript:")) {
                throw new Halt("not-evaluable", "the action of " + Describe.of(elt) + " is JavaScript, which htmx 4"
                    + " runs instead of a request; htmxws cannot evaluate it");
            }
            String confirm = Attributes.h4(elt, "hx-confirm", null);
            if (confirm != null && !confirm.isEmpty()) {
                warnings.add(new Warning("confirm-assumed", "hx-confirm \"" + confirm + "\" would ask the user;"
                    + " htmxws answers OK"));
            }
            WebUrl base = PageContext.baseUrl(elt, pageUrl);
            WebUrl page = WebUrl.parse(pageUrl);
            String fetchUrl = action;
            String bodyText = null;
            boolean multipart = false;
            if (usesQuery) {
                WebUrl url = resolve(base, action);
                if (!body.isEmpty()) {
                    url = url.withQuery(replaceQuery(url.query(), body));
                }
                fetchUrl = url.sameOrigin(page) ? url.pathAndSearch() : url.href();
            } else {
                String encoding = Attributes.h4(elt, "hx-encoding", null);
                if (encoding == null && form != null) {
                    encoding = "multipart/form-data".equalsIgnoreCase(form.attr("enctype").strip())
                        ? "multipart/form-data" : "application/x-www-form-urlencoded";
                }
                multipart = "multipart/form-data".equals(encoding);
                List<UrlEncoding.Pair> pairs = pairs(body);
                bodyText = multipart ? UrlEncoding.multipart(pairs, LegacyRequest.MULTIPART_BOUNDARY)
                    : UrlEncoding.formUrlencoded(pairs);
            }
            String select = Attributes.h4(elt, "hx-select", null);
            boolean full = target == elt.ownerDocument().body() || (select != null && !select.isEmpty());
            headers.put("HX-Request-Type", full ? "full" : "partial");
            return new Requests.Built(fetch(elt, base, page, method, fetchUrl, headers, bodyText, multipart), elt,
                target, warnings);
        } catch (Halt h) {
            warnings.add(h.warning());
        } catch (Selectors.BadSelector b) {
            warnings
                .add(new Warning("js-error", b.getMessage() + ": querySelectorAll throws (htmx:error) and nothing is"
                    + " sent"));
        } catch (HeaderList.Refused | JsonText.SyntaxError e) {
            warnings.add(new Warning("js-error", e.getMessage() + ": htmx:error, nothing is sent"));
        } catch (IllegalArgumentException e) {
            warnings.add(new Warning("bad-url", "the page URL '" + pageUrl + "' is not absolute: " + e.getMessage()));
        }
        return new Requests.Built(null, elt, target != null ? target : elt, warnings);
    }

    /** #resolveTarget at context creation: HX-Target for a match; a miss warns and the element is the target. */
    private Element target(Element elt, Map<String, Object> headers) {
        String selector = Attributes.h4(elt, "hx-target", null);
        if (selector == null) {
            headers.put("HX-Target", Htmx4Values.identifier(elt));
            return elt;
        }
        Object found = Htmx4Values.findTarget(elt, selector);
        if (found == null) {
            warnings.add(new Warning("target-not-found", "hx-target '" + selector + "' of " + Describe.of(elt)
                + " matches nothing: htmx 4 sends the request without HX-Target and swaps into the element itself"));
            return elt;
        }
        if (!(found instanceof Element e) || found instanceof Document) {
            throw new Halt("js-error", "hx-target '" + selector + "' of " + Describe.of(elt) + " is the document or"
                + " window, which has no tag name for HX-Target: htmx throws (htmx:error) and sends nothing");
        }
        headers.put("HX-Target", Htmx4Values.identifier(e));
        return e;
    }

    /** hx-config merged into ctx.request: its headers join the others; action, method and validate count too. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> config(Element elt, Map<String, Object> headers) {
        String hxConfig = Attributes.h4(elt, "hx-config", null);
        if (hxConfig == null || hxConfig.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> cfg = Hcon.parse(hxConfig);
        if (cfg.get("headers") instanceof Map<?, ?> extra) {
            Hcon.merge((Map<String, Object>) extra, headers);
        }
        for (String key : cfg.keySet()) {
            if (!Set.of("headers", "action", "method", "validate", "mode", "credentials", "timeout").contains(key)) {
                warnings.add(new Warning("config-ignored", "hx-config key '" + key + "' of " + Describe.of(elt)
                    + " changes the fetch in ways htmxws does not model; it is ignored"));
            }
        }
        return cfg;
    }

    /** ctx.request.validate: own hx-validate, else true for a form without novalidate (nor a formnovalidate submitter). */
    private static boolean validates(Element elt, Element submitter, Map<String, Object> config) {
        if (config.containsKey("validate")) {
            return Hcon.truthy(config.get("validate"));
        }
        String attr = Attributes.h4(elt, "hx-validate", null);
        if (attr != null) {
            return attr.equals("true");
        }
        return FormControls.is(elt, "form") && !elt.hasAttr("novalidate")
            && !(submitter != null && submitter.hasAttr("formnovalidate"));
    }

    /** reportValidity of the form, else of the element and its hx-include targets: invalid means no request. */
    private void checkValidity(Element elt, Element form) {
        if (form != null) {
            Element bad = FormControls.firstInvalid(form);
            if (bad != null) {
                throw new Halt("validation-failed", Describe.of(form) + " is invalid (" + Describe.of(bad) + ": "
                    + Constraints.problem(bad) + "): the browser reports it and htmx 4 sends nothing, no event");
            }
            return;
        }
        List<Element> checked = new ArrayList<>(List.of(elt));
        String include = Attributes.h4(elt, "hx-include", null);
        if (include != null && !include.isEmpty()) {
            for (Object node : Selectors.h4All(elt, include)) {
                if (node instanceof Element n && !(node instanceof Document)) {
                    checked.add(n);
                }
            }
        }
        for (Element e : checked) {
            String problem = VALIDATING.contains(e.normalName()) && Constraints.willValidate(e) ? Constraints.problem(e)
                : FormControls.is(e, "form") && FormControls.firstInvalid(e) != null ? "invalid fields" : null;
            if (problem != null) {
                throw new Halt("validation-failed", Describe.of(e) + " is invalid (" + problem + "): the browser"
                    + " reports it and htmx 4 sends nothing, no event");
            }
        }
    }

    /** hx-headers (own or :inherited), HCON or JSON: each key set to String(value), over anything. */
    private void hxHeaders(Element elt, Map<String, Object> headers) {
        String value = Attributes.h4(elt, "hx-headers", null);
        if (value == null || value.isEmpty()) {
            return;
        }
        if (value.startsWith("js:") || value.startsWith("javascript:")) {
            warnings.add(new Warning("not-evaluable", "hx-headers=\"" + value + "\" of " + Describe.of(elt)
                + " is JavaScript, which htmxws cannot evaluate: those headers are not sent"));
            return;
        }
        Map<String, Object> obj = Hcon.parse(value);
        for (String key : JsonText.jsKeyOrder(obj)) {
            headers.put(key, JsString.of(obj.get(key)));
        }
    }

    /** {@code url.searchParams}: every key being sent deleted, then all values appended; the query re-serialised. */
    private static String replaceQuery(String query, FormDataList body) {
        List<UrlEncoding.Pair> params = query == null ? new ArrayList<>()
            : new ArrayList<>(UrlEncoding.parseFormUrlencoded(query));
        for (String key : body.keys()) {
            params.removeIf(p -> p.name().equals(key));
        }
        params.addAll(pairs(body));
        return params.isEmpty() ? null : UrlEncoding.formUrlencoded(params);
    }

    private static List<UrlEncoding.Pair> pairs(FormDataList body) {
        List<UrlEncoding.Pair> out = new ArrayList<>();
        body.entries().forEach(e -> out.add(new UrlEncoding.Pair(e.name(), JsString.of(e.value()))));
        return out;
    }

    /** What fetch does with the request: same origin only, a valid method, no body on GET or HEAD. */
    private HttpRequest fetch(Element elt, WebUrl base, WebUrl page, String method, String action,
        Map<String, Object> headers, String body, boolean multipart) {
        WebUrl url = resolve(base, action);
        if (!url.sameOrigin(page)) {
            throw new Halt("cross-origin", "'" + url.href() + "' is on another origin than the page: fetch in"
                + " same-origin mode fails (htmx:error) and nothing is sent");
        }
        if (!method.chars()
            .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0))
            || method.isEmpty() || Set.of("CONNECT", "TRACE", "TRACK").contains(method)) {
            throw new Halt("bad-method", "'" + method + "' is not a method fetch sends: htmx:error");
        }
        if (body != null && (method.equals("HEAD") || method.equals("GET"))) {
            throw new Halt("bad-method", method + " with a body: fetch throws (htmx:error) and nothing is sent");
        }
        HeaderList list = new HeaderList(true, warnings);
        for (String name : JsonText.jsKeyOrder(headers)) {
            list.set(name, JsString.of(headers.get(name)));
        }
        if (body != null) {
            if (multipart) {
                warnings.add(new Warning("multipart-boundary", "a multipart body: the browser picks a random boundary,"
                    + " htmxws uses " + LegacyRequest.MULTIPART_BOUNDARY));
                list.setDefault("Content-Type", "multipart/form-data; boundary=" + LegacyRequest.MULTIPART_BOUNDARY);
            } else {
                list.setDefault("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
            }
        }
        return new HttpRequest(method, url.withoutFragment().href(), list.toMap(), body);
    }

    private static WebUrl resolve(WebUrl base, String action) {
        try {
            WebUrl url = base.resolve(action);
            if (!url.scheme().equals("http") && !url.scheme().equals("https")) {
                throw new Halt("bad-url", "'" + action + "' is not an http(s) URL: fetch fails (htmx:error)");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw new Halt("bad-url", "'" + action + "' is not a URL fetch can take: htmx:error");
        }
    }
}
