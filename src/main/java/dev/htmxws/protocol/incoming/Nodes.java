package dev.htmxws.protocol.incoming;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** DOM helpers that see a jsoup tree the way a browser sees the DOM (template content is not a child). */
final class Nodes {
    private Nodes() {
    }

    static boolean isTemplate(Element e) {
        return e.normalName().equals("template");
    }

    /**
     * Descendant elements of {@code root} in document order, not entering template content, not including
     * root: what {@code root.querySelectorAll('*')} would return.
     */
    static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        if (isTemplate(root)) {
            return out;
        }
        // a stack of our own, not recursion: the page a server builds can be 100,000 levels deep
        Deque<Element> stack = new ArrayDeque<>();
        pushChildren(root, stack);
        while (!stack.isEmpty()) {
            Element e = stack.pop();
            out.add(e);
            if (!isTemplate(e)) {
                pushChildren(e, stack);
            }
        }
        return out;
    }

    private static void pushChildren(Element e, Deque<Element> stack) {
        // not e.children() nor e.child(i): jsoup caches that list in the element's attributes (a map, a weak
        // reference: about 300 bytes), and every element of every message would carry it into the page for good
        for (int i = e.childNodeSize() - 1; i >= 0; i--) {
            if (e.childNode(i) instanceof Element c) {
                stack.push(c);
            }
        }
    }

    /** True if an ancestor of {@code e} below {@code stop} has the given tag. */
    static boolean hasAncestor(Element e, String tag, Element stop) {
        for (Element p = e.parent(); p != null && p != stop; p = p.parent()) {
            if (p.normalName().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code e} is inside template content relative to {@code root} (root itself excluded). */
    static boolean insideTemplate(Element e, Element root) {
        return hasAncestor(e, "template", root);
    }

    /** {@code Node.textContent}: all descendant text (script/style included), template content excluded. */
    static String textContent(Node n) {
        StringBuilder b = new StringBuilder();
        text(n, b);
        return b.toString();
    }

    private static void text(Node root, StringBuilder b) {
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n instanceof TextNode t) {
                b.append(t.getWholeText());
            } else if (n instanceof DataNode d) {
                b.append(d.getWholeData());
            } else if (n instanceof Element e && !isTemplate(e)) { // template content is a separate fragment
                for (int i = e.childNodeSize() - 1; i >= 0; i--) {
                    stack.push(e.childNode(i));
                }
            }
        }
    }

    static String textContentOfChildren(Element container) {
        StringBuilder b = new StringBuilder();
        for (Node c : container.childNodes()) {
            text(c, b);
        }
        return b.toString();
    }

    static Element firstElementChild(Element e) {
        return e.childrenSize() == 0 ? null : e.child(0);
    }

    /** Snapshot of child nodes (jsoup's list is live). */
    static List<Node> childNodes(Element e) {
        return new ArrayList<>(e.childNodes());
    }

    /** Short description of an element for reports: {@code div#id}, {@code p.cls}, {@code li}. */
    static String describe(Element e) {
        if (e == null) {
            return "(none)";
        }
        String id = e.attr("id");
        if (!id.isEmpty()) {
            return e.normalName() + "#" + id;
        }
        String cls = e.className().trim();
        if (!cls.isEmpty()) {
            return e.normalName() + "." + cls.split("\\s+")[0];
        }
        return e.normalName();
    }

    /** Serialised children, as htmx would see the HTML of a payload (jsoup's own serialiser, no pretty print). */
    static String html(List<? extends Node> nodes) {
        // detached nodes serialise with jsoup's default (pretty-printing) settings: serialise copies inside a
        // document whose settings say "as is"
        org.jsoup.nodes.Document holder = org.jsoup.nodes.Document.createShell("");
        holder.outputSettings().prettyPrint(false);
        for (Node n : nodes) {
            holder.body().appendChild(n.clone());
        }
        return holder.body().html();
    }
}
