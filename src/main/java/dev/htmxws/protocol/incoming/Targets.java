package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.HtmxSelectors;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.js.Hcon;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * Finds swap targets the way htmx does: {@code #id} through the page's id index (never a walk),
 * other CSS through jsoup restricted to live elements, plus htmx's extended selectors.
 */
final class Targets {
    private Targets() {
    }

    /** The browser would throw a SyntaxError (or TypeError) here; the caller decides what that aborts. */
    static final class SelectorError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SelectorError(String message) {
            super(message);
        }
    }

    /** querySelectorAll on the document. */
    static List<Element> css(VirtualDom dom, String selector, List<Warning> warnings) {
        String sel = selector.trim();
        if (!CssSyntax.isValid(sel)) {
            throw new SelectorError("'" + selector + "' is not a valid selector");
        }
        String id = simpleId(sel);
        if (id != null) {
            return dom.byId(id);
        }
        Elements found = select(sel, dom.document(), warnings);
        List<Element> out = new ArrayList<>(found.size());
        for (Element e : found) {
            if (dom.isLive(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code #ident} with no escapes: the id itself, else null. */
    static String simpleId(String sel) {
        if (sel.length() > 1 && sel.charAt(0) == '#' && sel.indexOf('\\') < 0) {
            String rest = sel.substring(1);
            if (CssSyntax.isIdentifier(rest)) {
                return rest;
            }
        }
        return null;
    }

    /**
     * jsoup's select, or nothing (with a warning) for a selector jsoup cannot parse though {@link CssSyntax} found it
     * valid, as a browser would: a server's selector must not escape as an exception.
     */
    private static Elements select(String sel, Element root, List<Warning> warnings) {
        try {
            return Selector.select(sel, root);
        } catch (Selector.SelectorParseException e) {
            warnings.add(unsupported(sel));
            return new Elements();
        }
    }

    private static boolean matches(Element e, String sel, List<Warning> warnings) {
        try {
            return e.is(sel);
        } catch (Selector.SelectorParseException x) {
            warnings.add(unsupported(sel));
            return false;
        }
    }

    private static Warning unsupported(String sel) {
        return new Warning("selector-unsupported",
            "selector '" + sel + "' is valid CSS but htmxws cannot evaluate it; treated as matching nothing");
    }

    /** querySelectorAll inside a detached fragment (root excluded, template content excluded). */
    static List<Element> inFragment(Element root, String selector, List<Warning> warnings) {
        if (!CssSyntax.isValid(selector.trim())) {
            throw new SelectorError("'" + selector + "' is not a valid selector");
        }
        List<Element> out = new ArrayList<>();
        Set<Element> matched = identitySet(select(selector.trim(), root, warnings));
        for (Element e : Nodes.descendants(root)) {
            if (matched.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    static Set<Element> identitySet(List<Element> list) {
        Set<Element> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(list);
        return s;
    }

    /** h2 › querySelectorAllExt(document, selector): comma parts, htmx keywords, the rest as one query. */
    static List<Element> h2Ext(VirtualDom dom, String selector, List<Warning> warnings) {
        if (selector.startsWith("global ")) {
            selector = selector.substring(7);
        }
        List<Element> result = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String rawPart : HtmxSelectors.split(selector)) {
            String part = HtmxSelectors.normalize(rawPart);
            if (part.startsWith("closest ")) {
                continue; // closest() of the document: nothing
            } else if (part.startsWith("find ")) {
                List<Element> all = css(dom, HtmxSelectors.normalize(part.substring(5)), warnings);
                if (!all.isEmpty()) {
                    result.add(all.get(0));
                }
            } else if (part.equals("next") || part.equals("nextElementSibling") || part.equals("previous")
                || part.equals("previousElementSibling")) {
                throw new SelectorError("'" + part + "' relative to the document throws a TypeError");
            } else if (part.startsWith("next ") || part.startsWith("previous ")) {
                css(dom, HtmxSelectors.normalize(part.substring(part.indexOf(' ') + 1)), warnings); // may throw
                // nothing in the document follows/precedes the document itself
            } else if (part.equals("body")) {
                result.add(dom.body());
            } else if (part.equals("document") || part.equals("window") || part.equals("root")
                || part.equals("host")) {
                warnings.add(new Warning("target-unsupported",
                    "target '" + part + "' is not an element; htmxws does not swap into it"));
            } else {
                plain.add(part);
            }
        }
        if (!plain.isEmpty()) {
            result.addAll(css(dom, String.join(",", plain), warnings));
        }
        return result;
    }

    /**
     * Throws {@link SelectorError} when {@link #h2Ext} would throw whatever the page holds, so that a plan
     * can tell an aborting message without a page.
     */
    static void checkH2(String selector) {
        if (selector.startsWith("global ")) {
            selector = selector.substring(7);
        }
        List<String> plain = new ArrayList<>();
        for (String rawPart : HtmxSelectors.split(selector)) {
            String part = HtmxSelectors.normalize(rawPart);
            if (part.startsWith("closest ") || part.equals("body") || part.equals("document")
                || part.equals("window") || part.equals("root") || part.equals("host")) {
                continue;
            } else if (part.startsWith("find ") || part.startsWith("next ") || part.startsWith("previous ")) {
                checked(part.substring(part.indexOf(' ') + 1));
            } else if (part.equals("next") || part.equals("nextElementSibling") || part.equals("previous")
                || part.equals("previousElementSibling")) {
                throw new SelectorError("'" + part + "' relative to the document throws a TypeError");
            } else {
                plain.add(part);
            }
        }
        if (!plain.isEmpty()) {
            checked(String.join(",", plain));
        }
    }

    /** h4 › #findAllExt(elt, selector), relative to {@code from} (the connect element). */
    static List<Element> h4Ext(VirtualDom dom, Element from, String selector, List<Warning> warnings) {
        return h4Ext(dom, from, selector, warnings, null);
    }

    /**
     * h4 › #findAllExt(elt, selector, thisAttr): {@code this} stands for {@code thisElements} when given (the
     * elements whose hx-target names "this"), else for {@code from}.
     */
    static List<Element> h4Ext(VirtualDom dom, Element from, String selector, List<Warning> warnings,
        List<Element> thisElements) {
        if (selector.startsWith("global ")) {
            selector = selector.substring(7);
        }
        List<Element> result = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (String rawPart : Hcon.split(selector)) {
            String part = HtmxSelectors.normalize(rawPart);
            if (part.startsWith("closest ")) {
                String sel = checked(part.substring(8));
                for (Element e = from; e != null; e = e.parent()) {
                    if (matches(e, sel, warnings)) {
                        result.add(e);
                        break;
                    }
                }
            } else if (part.startsWith("find ")) {
                List<Element> all = within(dom, from, checked(part.substring(5)), warnings);
                if (!all.isEmpty()) {
                    result.add(all.get(0));
                }
            } else if (part.startsWith("findAll ")) {
                result.addAll(within(dom, from, checked(part.substring(8)), warnings));
            } else if (part.equals("next") || part.equals("nextElementSibling")) {
                addIfPresent(result, from.nextElementSibling());
            } else if (part.startsWith("next ")) {
                addIfPresent(result, scan(dom, from, part.substring(5), true, warnings));
            } else if (part.equals("previous") || part.equals("previousElementSibling")) {
                addIfPresent(result, from.previousElementSibling());
            } else if (part.startsWith("previous ")) {
                addIfPresent(result, scan(dom, from, part.substring(9), false, warnings));
            } else if (part.equals("body")) {
                result.add(dom.body());
            } else if (part.equals("this")) {
                if (thisElements != null) {
                    result.addAll(thisElements);
                } else {
                    result.add(from);
                }
            } else if (part.equals("document") || part.equals("window") || part.equals("host")) {
                warnings.add(new Warning("target-unsupported",
                    "target '" + part + "' is not an element; htmxws does not swap into it"));
            } else {
                plain.add(part);
            }
        }
        if (!plain.isEmpty()) {
            result.addAll(css(dom, String.join(",", plain), warnings));
        }
        // [...new Set(result)]
        List<Element> unique = new ArrayList<>();
        Set<Element> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Element e : result) {
            if (seen.add(e)) {
                unique.add(e);
            }
        }
        return unique;
    }

    private static String checked(String sel) {
        String s = HtmxSelectors.normalize(sel);
        if (!CssSyntax.isValid(s)) {
            throw new SelectorError("'" + s + "' is not a valid selector");
        }
        return s;
    }

    private static void addIfPresent(List<Element> out, Element e) {
        if (e != null) {
            out.add(e);
        }
    }

    /** Live descendants of {@code from} matching {@code sel}, document order (querySelectorAll on an element). */
    private static List<Element> within(VirtualDom dom, Element from, String sel, List<Warning> warnings) {
        List<Element> out = new ArrayList<>();
        for (Element e : select(sel, from, warnings)) {
            if (e != from && dom.isLive(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** next X / previous X: first match after (before) {@code from}, excluding its descendants (ancestors). */
    private static Element scan(VirtualDom dom, Element from, String sel, boolean forward, List<Warning> w) {
        List<Element> all = css(dom, HtmxSelectors.normalize(sel), w);
        if (forward) {
            for (Element e : all) {
                if (follows(from, e) && !isAncestor(from, e)) {
                    return e;
                }
            }
        } else {
            for (int i = all.size() - 1; i >= 0; i--) {
                Element e = all.get(i);
                if (follows(e, from) && !isAncestor(e, from)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** True if {@code b} comes after {@code a} in document order. */
    private static boolean follows(Element a, Element b) {
        if (a == b) {
            return false;
        }
        List<Element> pa = pathOf(a);
        List<Element> pb = pathOf(b);
        int i = 0;
        while (i < pa.size() && i < pb.size() && pa.get(i) == pb.get(i)) {
            i++;
        }
        if (i == pa.size()) {
            return true; // b is a descendant of a
        }
        if (i == pb.size()) {
            return false;
        }
        return pb.get(i).siblingIndex() > pa.get(i).siblingIndex();
    }

    private static List<Element> pathOf(Element e) {
        List<Element> p = new ArrayList<>();
        for (Element c = e; c != null; c = c.parent()) {
            p.add(c);
        }
        Collections.reverse(p);
        return p;
    }

    static boolean isAncestor(Element ancestor, Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

}
