package dev.htmxws.protocol.outgoing;

import java.util.Arrays;
import java.util.function.BiConsumer;
import org.jsoup.nodes.Element;

/** htmx's attribute lookups: htmx 1/2 ({@code hx-x || data-hx-x}, inheritance) and htmx 4 ({@code :inherited}). */
public final class Attributes {
    private Attributes() {
    }

    /** htmx 1/2 getAttributeValue: {@code getAttribute(name) || getAttribute('data-' + name)}. */
    public static String legacy(Element e, String name) {
        if (e == null) {
            return null;
        }
        if (e.hasAttr(name) && !e.attr(name).isEmpty()) {
            return e.attr(name);
        }
        return e.hasAttr("data-" + name) ? e.attr("data-" + name) : null;
    }

    /**
     * htmx 1/2 getClosestAttributeValue: the nearest non-empty value on the element or an ancestor; an
     * ancestor with {@code hx-disinherit} naming the attribute (or "*") ends the walk, as does "unset".
     */
    public static String closestLegacy(Element elt, String name) {
        for (Element e = elt; e != null; e = e.parent()) {
            String v = legacy(e, name);
            if (e != elt) {
                String dis = legacy(e, "hx-disinherit");
                if (dis != null && !dis.isEmpty()
                    && (dis.equals("*") || Arrays.asList(dis.split(" ")).contains(name))) {
                    return null; // 'unset'
                }
            }
            if (v != null && !v.isEmpty()) {
                return v.equals("unset") ? null : v;
            }
        }
        return null;
    }

    /** htmx 4 {@code #attr}: {@code getAttribute(name) ?? getAttribute(name with 'hx-' → 'data-hx-')}. */
    public static String h4Attr(Element e, String name) {
        if (e.hasAttr(name)) {
            return e.attr(name);
        }
        String p = name.replaceFirst("hx-", "data-hx-");
        return e.hasAttr(p) ? e.attr(p) : null;
    }

    private static String h4AttrName(Element e, String name) {
        if (e.hasAttr(name)) {
            return name;
        }
        String p = name.replaceFirst("hx-", "data-hx-");
        return e.hasAttr(p) ? p : null;
    }

    /**
     * htmx 4 {@code #attributeValue} with implicit inheritance off (the default): the element's own
     * {@code name} or {@code name:inherited}; else {@code name:append} joined onto the inherited value; else
     * the nearest ancestor's {@code name:inherited} (or {@code name:inherited:append}).
     *
     * @param collector receives (value, element) for each contributing element, like htmx's eltCollector
     */
    public static String h4(Element elt, String name, BiConsumer<String, Element> collector) {
        String own = h4Attr(elt, name);
        if (own == null) {
            own = h4Attr(elt, name + ":inherited");
        }
        if (own != null) {
            if (collector != null) {
                collector.accept(own, elt);
            }
            return own;
        }
        String appendName = h4AttrName(elt, name + ":append");
        if (appendName == null) {
            appendName = h4AttrName(elt, name + ":inherited:append");
        }
        Element parent = inheritingAncestor(elt, name);
        if (appendName != null) {
            String appendValue = elt.attr(appendName);
            if (collector != null) {
                collector.accept(appendValue, elt);
            }
            if (parent != null) {
                String parentVal = h4(parent, name, collector);
                return parentVal != null && !parentVal.isEmpty()
                    ? (parentVal + "," + appendValue).replaceAll("[{}]", "")
                    : appendValue;
            }
            return appendValue;
        }
        return parent == null ? null : h4(parent, name, collector);
    }

    /** {@code elt.parentNode.closest('[name:inherited],[name:inherited:append]')} with the data- prefix too. */
    private static Element inheritingAncestor(Element elt, String name) {
        for (Element p = elt.parent(); p != null; p = p.parent()) {
            if (h4AttrName(p, name + ":inherited") != null || h4AttrName(p, name + ":inherited:append") != null) {
                return p;
            }
        }
        return null;
    }
}
