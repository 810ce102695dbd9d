package dev.htmxws.protocol.requests;

import dev.htmxws.protocol.outgoing.Attributes;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Where a response moves the page's location (docs/spec/sse-and-requests.md §3.8, HX-Push-Url and
 * HX-Replace-Url): htmx pushes or replaces a history entry, which changes {@code location.href}, and so the
 * HX-Current-URL and the base of relative paths of every later request.
 */
final class History {
    private History() {
    }

    /** htmx 1/2 determineHistoryUpdates: the new location, or null when history is left alone. */
    static String legacy(HttpResponse response, Element elt, HttpRequest request) {
        String path = null;
        for (String header : new String[] {"HX-Push", "HX-Push-Url", "HX-Replace-Url"}) {
            path = response.header(header);
            if (path != null) {
                break;
            }
        }
        if (path != null && !path.isEmpty()) {
            return path.equals("false") ? null : resolve(request, path);
        }
        path = Attributes.closestLegacy(elt, "hx-push-url");
        if (path == null) {
            path = Attributes.closestLegacy(elt, "hx-replace-url");
        }
        if (path == null || path.equals("false")) {
            return null;
        }
        if (path.equals("true")) {
            path = WebUrl.parse(request.url()).pathAndSearch();
        }
        String anchor = anchor(Attributes.legacy(elt, "hx-" + request.method().toLowerCase(Locale.ROOT)));
        if (anchor != null && !path.contains("#")) {
            path += "#" + anchor;
        }
        return resolve(request, path);
    }

    /** htmx 4 #resolveHistoryAction: either header replaces both attributes; "false" means none. */
    static String htmx4(Map<String, String> hx, Element elt, HttpRequest request, String anchor) {
        String push = Attributes.h4(elt, "hx-push-url", null);
        String replace = Attributes.h4(elt, "hx-replace-url", null);
        if (truthy(hx.get("pushurl")) || truthy(hx.get("replaceurl"))) {
            push = hx.get("pushurl");
            replace = hx.get("replaceurl");
        }
        push = "false".equals(push) ? null : push;
        replace = "false".equals(replace) ? null : replace;
        String path = truthy(push) ? push : replace;
        if (!truthy(path)) {
            return null;
        }
        if (path.equals("true")) {
            path = WebUrl.parse(request.url()).pathAndSearch() + (truthy(anchor) ? "#" + anchor : "");
        }
        return resolve(request, path);
    }

    /** The part of a path between its first and second '#', or null. */
    static String anchor(String path) {
        if (path == null) {
            return null;
        }
        String[] parts = path.split("#", -1);
        return parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
    }

    /** pushState resolves the path against the current location. */
    private static String resolve(HttpRequest request, String path) {
        String current = request.header("HX-Current-URL");
        try {
            return WebUrl.parse(current != null ? current : request.url()).resolve(path).href();
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private static boolean truthy(String s) {
        return s != null && !s.isEmpty();
    }
}
