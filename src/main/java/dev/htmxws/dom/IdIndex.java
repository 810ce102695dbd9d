package dev.htmxws.dom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * id attribute value → live elements carrying it. Kept up to date by {@link VirtualDom} on every structural
 * change, touching only the inserted/removed subtrees, so a lookup never walks the page.
 *
 * <p>Elements inside {@code <template>} are not indexed: in a browser they live in the template's content
 * fragment, outside the document, so {@code getElementById}/{@code querySelectorAll} never see them.
 */
final class IdIndex {
    /** Per id: elements in insertion order, sorted into document order lazily (duplicates are rare). */
    private static final class Bucket {
        final List<Element> elements = new ArrayList<>(1);
        boolean sorted = true;
    }

    private final Map<String, Bucket> byId = new HashMap<>();

    List<Element> get(String id) {
        Bucket b = byId.get(id);
        if (b == null) {
            return List.of();
        }
        if (!b.sorted) {
            b.elements.sort(DocumentOrder.COMPARATOR);
            b.sorted = true;
        }
        return Collections.unmodifiableList(b.elements);
    }

    void add(Element e, String id) {
        Bucket b = byId.computeIfAbsent(id, k -> new Bucket());
        if (!b.elements.isEmpty()) {
            b.sorted = false;
        }
        b.elements.add(e);
    }

    void remove(Element e, String id) {
        Bucket b = byId.get(id);
        if (b == null) {
            return;
        }
        List<Element> list = b.elements;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == e) { // identity: jsoup elements are compared by reference
                list.remove(i);
                break;
            }
        }
        if (list.isEmpty()) {
            byId.remove(id);
        }
    }

    /** Adds every element of the subtree rooted at {@code root} (not descending into templates). */
    void addSubtree(Node root) {
        walk(root, true);
    }

    void removeSubtree(Node root) {
        walk(root, false);
    }

    private void walk(Node root, boolean add) {
        // explicit stack: subtrees can be deep, recursion could overflow
        ArrayList<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (!(n instanceof Element e)) {
                continue;
            }
            if (e.hasAttr("id")) {
                if (add) {
                    add(e, e.attr("id"));
                } else {
                    remove(e, e.attr("id"));
                }
            }
            if (VirtualDom.isTemplate(e)) {
                continue;
            }
            for (int i = e.childNodeSize() - 1; i >= 0; i--) {
                stack.add(e.childNode(i));
            }
        }
    }

    /** Every (id, element) pair, for tests comparing against a full scan. */
    Map<String, List<Element>> snapshot() {
        Map<String, List<Element>> out = new HashMap<>();
        for (String id : byId.keySet()) {
            out.put(id, new ArrayList<>(get(id)));
        }
        return out;
    }
}
