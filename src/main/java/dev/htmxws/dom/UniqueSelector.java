package dev.htmxws.dom;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * The name a report gives an element: a CSS selector that matches it and nothing else in its page, so that two
 * different elements are never shown the same way. {@code #id} when its id is the page's only one, otherwise a path
 * from the nearest such ancestor (or {@code body}): {@code #log > p.msg:nth-of-type(3)},
 * {@code body > div.container:nth-of-type(2)}.
 */
public final class UniqueSelector {

    /** A path deeper than this (a page a server nested on purpose) is elided in the middle rather than spelt out. */
    static final int MAX_STEPS = 32;

    private UniqueSelector() {
    }

    /** The selector of {@code e} as {@code dom} holds it now (call it before a swap that removes {@code e}). */
    public static String of(VirtualDom dom, Element e) {
        if (e == null) {
            return "(none)";
        }
        boolean live = dom.isLive(e);
        List<String> steps = new ArrayList<>();
        for (Element c = e; c != null && !(c instanceof Document); c = c.parent()) {
            String id = c.id();
            // an id names one element only where it is the page's only one (detached elements: their own)
            if (!id.isEmpty() && (!live || dom.byId(id).size() == 1)) {
                steps.add("#" + ident(id));
                break;
            }
            String tag = c.normalName();
            if (live && (tag.equals("body") || tag.equals("head") || tag.equals("html"))) {
                steps.add(tag); // one of each per page
                break;
            }
            steps.add(step(c));
        }
        if (steps.size() > MAX_STEPS) {
            List<String> shortened = new ArrayList<>(steps.subList(0, MAX_STEPS / 2));
            shortened.add("…");
            shortened.addAll(steps.subList(steps.size() - MAX_STEPS / 2, steps.size()));
            steps = shortened;
        }
        StringBuilder b = new StringBuilder();
        for (int i = steps.size() - 1; i >= 0; i--) {
            b.append(steps.get(i)).append(i > 0 ? " > " : "");
        }
        return b.toString();
    }

    /** {@code tag.class}, with {@code :nth-of-type(n)} when a sibling has the same tag. */
    private static String step(Element e) {
        String tag = e.normalName();
        StringBuilder b = new StringBuilder(ident(tag));
        String cls = e.className().strip();
        if (!cls.isEmpty()) {
            b.append('.').append(ident(cls.split("\\s+")[0]));
        }
        Node parent = e.parentNode();
        if (parent == null) {
            return b.toString();
        }
        int position = 0;
        int sameTag = 0;
        // childNode(i), not children(): jsoup caches that list on the parent (see Nodes.pushChildren)
        for (int i = 0; i < parent.childNodeSize(); i++) {
            if (parent.childNode(i) instanceof Element s && s.normalName().equals(tag)) {
                sameTag++;
                if (s == e) {
                    position = sameTag;
                }
            }
        }
        return sameTag > 1 ? b.append(":nth-of-type(").append(position).append(')').toString() : b.toString();
    }

    /** A CSS identifier for a name: characters CSS gives a meaning to, and a leading digit, escaped. */
    static String ident(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c >= 0x80
                || c >= '0' && c <= '9' && i > 0 && !(i == 1 && name.charAt(0) == '-');
            if (plain) {
                b.append(c);
            } else if (c >= '0' && c <= '9' || c < 0x20 || c == 0x7f) {
                b.append('\\').append(Integer.toHexString(c)).append(' ');
            } else {
                b.append('\\').append(c);
            }
        }
        return b.toString();
    }
}
