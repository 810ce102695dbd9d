package dev.htmxws.dom;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * The page htmxws acts on: a jsoup document plus an index of ids. Every structural change goes through
 * this class so the index stays right; the cost of a change is proportional to the nodes inserted or
 * removed, never to the size of the page.
 *
 * <p>"Live" below means what a browser would call "in the document": attached to this document and not
 * inside a {@code <template>} (jsoup keeps template content as ordinary children; a browser does not).
 * Changes to nodes that are not live (fragments, detached subtrees) are plain jsoup edits.
 */
public final class VirtualDom {
    private final Document document;
    private String url;
    private final IdIndex ids = new IdIndex();

    private VirtualDom(Document document, String url) {
        this.document = document;
        this.url = url;
        document.outputSettings().prettyPrint(false);
        ids.addSubtree(document);
    }

    /** Parses a whole page as a browser would. */
    public static VirtualDom parse(String html, String url) {
        return new VirtualDom(Jsoup.parse(html, url == null ? "" : url), url);
    }

    public Document document() {
        return document;
    }

    /** location.href of the page. */
    public String url() {
        return url;
    }

    /** A history push or replace changed location.href (the page is not reloaded). */
    public void url(String href) {
        this.url = href;
    }

    public Element body() {
        return document.body();
    }

    /** Live elements whose id attribute equals {@code id} exactly, in document order. */
    public List<Element> byId(String id) {
        return ids.get(id);
    }

    /**
     * Live elements with this id strictly inside {@code root}, in document order, without walking root's subtree: a
     * view, valid until the page changes.
     */
    public List<Element> byIdWithin(String id, Element root) {
        return ids.within(id, root);
    }

    /** The oracle's canonical form of the body content. */
    public String canonicalBody() {
        return Canonical.children(document.body());
    }

    /** The same normalisation for one element (outer). */
    public String canonical(Element e) {
        return Canonical.element(e);
    }

    /** An element's HTML indented for a person to read (one element per line, two spaces a level); a copy is printed. */
    public static String pretty(Element e) {
        org.jsoup.nodes.Document shell = org.jsoup.nodes.Document.createShell("");
        shell.outputSettings().prettyPrint(true).indentAmount(2).outline(false);
        shell.body().appendChild(e.clone());
        return shell.body().html();
    }

    /** Convenience CSS query over live elements (walks the page; use {@link #byId} for ids). */
    public List<Element> select(String css) {
        Elements found = document.select(css);
        List<Element> out = new ArrayList<>(found.size());
        for (Element e : found) {
            if (isLive(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** True when {@code n} is in this document and not inside template content. O(depth). */
    public boolean isLive(Node n) {
        Node c = n;
        while (c != null) {
            Node p = c.parentNode();
            if (p instanceof Element pe && isTemplate(pe)) {
                return false;
            }
            if (p == null) {
                return c == document;
            }
            c = p;
        }
        return false;
    }

    static boolean isTemplate(Element e) {
        return e.normalName().equals("template");
    }

    // ---- structural changes -------------------------------------------------------------------------

    /** Inserts {@code nodes} (in order) before {@code ref}, in ref's parent. */
    public void insertBefore(Node ref, List<? extends Node> nodes) {
        Node parent = ref.parentNode();
        if (parent == null) {
            return;
        }
        List<Node> moving = detachAll(nodes);
        ((Element) parent).insertChildren(ref.siblingIndex(), moving);
        indexAll(moving);
    }

    /** Inserts {@code nodes} (in order) after {@code ref}, in ref's parent. */
    public void insertAfter(Node ref, List<? extends Node> nodes) {
        Node parent = ref.parentNode();
        if (parent == null) {
            return;
        }
        List<Node> moving = detachAll(nodes);
        ((Element) parent).insertChildren(ref.siblingIndex() + 1, moving);
        indexAll(moving);
    }

    public void append(Element parent, List<? extends Node> nodes) {
        List<Node> moving = detachAll(nodes);
        parent.appendChildren(moving);
        indexAll(moving);
    }

    public void prepend(Element parent, List<? extends Node> nodes) {
        List<Node> moving = detachAll(nodes);
        parent.prependChildren(moving);
        indexAll(moving);
    }

    /** Removes all children of {@code parent} and inserts {@code nodes} instead. */
    public void replaceChildren(Element parent, List<? extends Node> nodes) {
        List<Node> moving = detachAll(nodes);
        List<Node> old = new ArrayList<>(parent.childNodes());
        parent.empty(); // all at once: one by one, jsoup searches and shifts its child list for each
        if (isLive(parent)) {
            ids.removeSubtrees(old);
        }
        parent.appendChildren(moving);
        indexAll(moving);
    }

    /** Removes these nodes; their ids leave the index in one pass over each bucket. */
    public void removeAll(List<? extends Node> nodes) {
        List<Node> live = new ArrayList<>();
        for (Node n : nodes) {
            if (n.parentNode() != null) {
                if (isLive(n)) {
                    live.add(n);
                }
                n.remove();
            }
        }
        ids.removeSubtrees(live);
    }

    /** Puts {@code nodes} where {@code target} is and removes target. */
    public void replaceWith(Node target, List<? extends Node> nodes) {
        if (target.parentNode() == null) {
            return;
        }
        insertBefore(target, nodes);
        remove(target);
    }

    public void remove(Node n) {
        if (n.parentNode() == null) {
            return;
        }
        boolean live = isLive(n);
        n.remove();
        if (live) {
            ids.removeSubtree(n);
        }
    }

    /** {@code textContent = text}: all children replaced by one text node (none for ""). */
    public void setTextContent(Element e, String text) {
        replaceChildren(e, text.isEmpty() ? List.of() : List.of(new TextNode(text)));
    }

    /** {@code setAttribute}: replaces in place or appends, keeping the id index right. */
    public void setAttribute(Element e, String name, String value) {
        boolean idChange = name.equals("id") && isLive(e);
        if (idChange && e.hasAttr("id")) {
            ids.remove(e, e.attr("id"));
        }
        e.attr(name, value);
        if (idChange) {
            ids.add(e, value);
        }
    }

    public void removeAttribute(Element e, String name) {
        if (name.equals("id") && e.hasAttr("id") && isLive(e)) {
            ids.remove(e, e.attr("id"));
        }
        e.removeAttr(name);
    }

    private List<Node> detachAll(List<? extends Node> nodes) {
        List<Node> moving = new ArrayList<>(nodes);
        if (areAllChildrenOfADetachedParent(moving)) {
            // one by one, jsoup searches and shifts its child list for each: quadratic for a message's 400,000 nodes
            ((Element) moving.get(0).parentNode()).empty();
            return moving;
        }
        for (Node n : moving) {
            remove(n); // a live node moved elsewhere leaves the index first
        }
        return moving;
    }

    /** True when {@code nodes} are exactly the children, in order, of one element outside the document. */
    private boolean areAllChildrenOfADetachedParent(List<Node> nodes) {
        if (nodes.isEmpty() || !(nodes.get(0).parentNode() instanceof Element parent)
            || parent.childNodeSize() != nodes.size() || isLive(parent)) {
            return false;
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (parent.childNode(i) != nodes.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void indexAll(List<Node> inserted) {
        if (inserted.isEmpty() || !isLive(inserted.get(0))) {
            return; // all share one parent: one liveness check for the lot
        }
        for (Node n : inserted) {
            ids.addSubtree(n);
        }
    }

    /** Test hook: the index as a map, to compare with a full scan. */
    java.util.Map<String, List<Element>> indexSnapshot() {
        return ids.snapshot();
    }
}
