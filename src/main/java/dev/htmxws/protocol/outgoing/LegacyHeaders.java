package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Warning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** htmx 1/2 getHeaders (docs/spec/protocol.md §1.4.2 H1/H2). */
public final class LegacyHeaders {
    private LegacyHeaders() {
    }

    /**
     * @param target the target element; null when a selector matched nothing, the {@link Document} or
     *               {@link Selectors#WINDOW} for those keywords — all of which make htmx's
     *               {@code getAttributeValue(target, 'id')} yield {@code false}, not null
     */
    public static Map<String, Object> headers(Element send, Object target, String pageUrl, List<Warning> warnings) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("HX-Request", "true");
        h.put("HX-Trigger", send.hasAttr("id") ? send.attr("id") : null);
        h.put("HX-Trigger-Name", send.hasAttr("name") ? send.attr("name") : null);
        h.put("HX-Target", targetId(target));
        h.put("HX-Current-URL", pageUrl);
        LegacyExpressions.collect(send, "hx-headers", false, h, warnings);
        return h;
    }

    private static Object targetId(Object target) {
        if (target instanceof Element e && !(target instanceof Document)) {
            return Attributes.legacy(e, "id"); // id || data-id, else null
        }
        return Boolean.FALSE; // getRawAttribute(non-element) is false
    }
}
