package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.FormControls;
import dev.htmxws.protocol.HtmxSelectors;
import dev.htmxws.protocol.js.Hcon;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * htmx's extended selectors ({@code closest X}, {@code find X}, {@code next}, {@code previous X},
 * {@code document}, {@code body}, plain CSS …) over a jsoup document: htmx 2 {@code querySelectorAllExt}
 * (also htmx 1) and htmx 4 {@code #findAllExt}. Results are Elements, the {@link Document} itself for
 * {@code document}/{@code root}, or {@link #WINDOW}.
 */
public final class Selectors {
    private Selectors() {
    }

    /** Stands for {@code window}: no attributes, no inputs. */
    public static final Object WINDOW = new Object();

    /** A selector the browser would reject: querySelectorAll throws, and so does htmx. */
    public static final class BadSelector extends RuntimeException {
        BadSelector(String selector, Throwable cause) {
            super("invalid selector '" + selector + "'", cause);
        }
    }

    /** htmx 2 querySelectorAllExt: split on commas outside {@code <…/>}, extended forms, then one CSS query. */
    public static List<Object> h2All(Element elt, String selector) {
        boolean global = false;
        if (selector.startsWith("global ")) {
            selector = selector.substring(7);
            global = true;
        }
        List<String> parts = HtmxSelectors.split(selector);
        return resolve(elt, parts, false);
    }

    /** htmx 4 #findAllExt (no {@code this} attribute handling: callers resolve 'this' themselves). */
    public static List<Object> h4All(Element elt, String selector) {
        if (selector.startsWith("global ")) {
            selector = selector.substring(7);
        }
        List<String> parts = selector.isEmpty() ? List.of() : List.of(Hcon.split(selector));
        return new ArrayList<>(new LinkedHashSet<>(resolve(elt, parts, true)));
    }

    private static List<Object> resolve(Element elt, List<String> rawParts, boolean h4) {
        Document doc = elt.ownerDocument();
        List<Object> result = new ArrayList<>();
        List<String> css = new ArrayList<>();
        for (String raw : rawParts) {
            String s = HtmxSelectors.normalize(raw);
            Object item = null;
            if (s.startsWith("closest ")) {
                item = closest(elt, HtmxSelectors.normalize(s.substring(8)));
            } else if (s.startsWith("find ")) {
                List<Element> found = descendants(elt, HtmxSelectors.normalize(s.substring(5)));
                item = found.isEmpty() ? null : found.get(0);
            } else if (h4 && s.startsWith("findAll ")) {
                result.addAll(descendants(elt, s.substring(8)));
            } else if (s.equals("next") || s.equals("nextElementSibling")) {
                item = elt.nextElementSibling();
            } else if (s.startsWith("next ")) {
                item = scan(elt, HtmxSelectors.normalize(s.substring(5)), true);
            } else if (s.equals("previous") || s.equals("previousElementSibling")) {
                item = elt.previousElementSibling();
            } else if (s.startsWith("previous ")) {
                item = scan(elt, HtmxSelectors.normalize(s.substring(9)), false);
            } else if (s.equals("document") || (!h4 && s.equals("root"))) {
                item = doc;
            } else if (s.equals("window")) {
                item = WINDOW;
            } else if (s.equals("body")) {
                item = doc == null ? null : doc.body();
            } else if (s.equals("host")) {
                item = null; // no shadow roots in htmxws
            } else if (h4 && s.equals("this")) {
                item = elt;
            } else {
                css.add(s);
            }
            if (item != null) {
                result.add(item);
            }
        }
        if (!css.isEmpty() && doc != null) {
            result.addAll(query(doc, String.join(",", css)));
        }
        return result;
    }

    /** document.querySelectorAll: document order; a selector jsoup cannot parse counts as invalid. */
    public static List<Element> query(Element root, String css) {
        try {
            Elements found = Selector.select(css, root);
            List<Element> out = new ArrayList<>();
            for (Element e : found) {
                if (!(e instanceof Document)) {
                    out.add(e);
                }
            }
            return out;
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new BadSelector(css, e);
        }
    }

    /** elt.querySelectorAll: like {@link #query} but never the element itself. */
    static List<Element> descendants(Element elt, String css) {
        List<Element> out = query(elt, css);
        out.remove(elt);
        return out;
    }

    /** elt.closest(css): the element or its nearest ancestor matching. */
    public static Element closest(Element elt, String css) {
        try {
            return elt.closest(css);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw new BadSelector(css, e);
        }
    }

    /** htmx scanForwardQuery / scanBackwardsQuery: first match after (before) start, skipping its descendants (ancestors). */
    private static Element scan(Element start, String css, boolean forward) {
        Document doc = start.ownerDocument();
        if (doc == null) {
            return null;
        }
        Map<Element, Integer> order = new IdentityHashMap<>();
        int i = 0;
        for (Element e : doc.getAllElements()) {
            order.put(e, i++);
        }
        int at = order.get(start);
        List<Element> matches = query(doc, css);
        if (forward) {
            for (Element e : matches) {
                if (order.get(e) > at && !FormControls.isInclusiveAncestor(start, e)) {
                    return e;
                }
            }
        } else {
            for (int k = matches.size() - 1; k >= 0; k--) {
                Element e = matches.get(k);
                if (order.get(e) < at && !FormControls.isInclusiveAncestor(e, start)) {
                    return e;
                }
            }
        }
        return null;
    }
}
