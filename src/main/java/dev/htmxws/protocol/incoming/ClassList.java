package dev.htmxws.protocol.incoming;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * DOMTokenList add/remove on the class attribute. htmx adds and removes bookkeeping classes
 * ({@code htmx-added}, {@code htmx-swapping}); the round trip rewrites the attribute as the browser's
 * token set serialisation (duplicates and extra whitespace disappear) and htmx then drops an empty class
 * attribute. Attribute position follows setAttribute (in place, or appended).
 */
final class ClassList {
    private ClassList() {
    }

    static void add(Element e, String token) {
        Set<String> tokens = tokens(e);
        tokens.add(token);
        e.attr("class", String.join(" ", tokens));
    }

    /** classList.remove, then htmx's "no classes left → remove the attribute". */
    static void removeAndDropEmpty(Element e, String token) {
        if (!e.hasAttr("class")) {
            return;
        }
        Set<String> tokens = tokens(e);
        tokens.remove(token);
        if (tokens.isEmpty()) {
            e.removeAttr("class");
            if (e.attributesSize() == 0) {
                e.clearAttributes(); // jsoup then lets go of the emptied attribute store (~90 bytes an element)
            }
        } else {
            e.attr("class", String.join(" ", tokens));
        }
    }

    private static Set<String> tokens(Element e) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : e.attr("class").split("[ \t\n\f\r]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
