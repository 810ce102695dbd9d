package dev.htmxws.dom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
    /**
     * Per id: elements in document order, kept so on every insertion (a binary search when the new element does
     * not simply come last). Sorting lazily on lookup instead made a page with many duplicate ids, which a server
     * can build, re-sort its bucket after every swap.
     */
    private static final class Bucket {
        final List<Element> elements = new ArrayList<>(1);
    }

    private final Map<String, Bucket> byId = new HashMap<>();

    List<Element> get(String id) {
        Bucket b = byId.get(id);
        return b == null ? List.of() : Collections.unmodifiableList(b.elements);
    }

    /**
     * The elements with this id strictly inside {@code root}, in document order: one contiguous run of the bucket,
     * found by two binary searches. A view, valid until the page changes.
     */
    List<Element> within(String id, Element root) {
        Bucket b = byId.get(id);
        if (b == null) {
            return List.of();
        }
        List<Element> list = b.elements;
        int from = firstNotBefore(list, root);
        if (from < list.size() && list.get(from) == root) {
            from++;
        }
        Node after = firstAfterSubtree(root);
        int to = after == null ? list.size() : firstNotBefore(list, after);
        return from >= to ? List.of() : Collections.unmodifiableList(list.subList(from, to));
    }

    /** The first node after {@code n} and all its descendants, in document order, or null. */
    private static Node firstAfterSubtree(Node n) {
        for (Node c = n; c != null; c = c.parentNode()) {
            Node next = c.nextSibling();
            if (next != null) {
                return next;
            }
        }
        return null;
    }

    void add(Element e, String id) {
        List<Element> list = byId.computeIfAbsent(id, k -> new Bucket()).elements;
        if (list.isEmpty() || DocumentOrder.compare(list.get(list.size() - 1), e) < 0) {
            list.add(e); // the usual case: ids are indexed in document order
        } else {
            list.add(firstNotBefore(list, e), e);
        }
    }

    /** The index of the first element of {@code list} that is not before {@code n} in document order. */
    private static int firstNotBefore(List<Element> list, Node n) {
        int lo = 0;
        int hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (DocumentOrder.compare(list.get(mid), n) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
        // the subtree's elements with one id are contiguous in document order, none of the bucket's between them:
        // one binary search per id, not one per element (a server may insert a hundred thousand alike)
        Map<String, List<Element>> byIdInOrder = new HashMap<>();
        walk(root, e -> byIdInOrder.computeIfAbsent(e.attr("id"), k -> new ArrayList<>()).add(e));
        for (Map.Entry<String, List<Element>> g : byIdInOrder.entrySet()) {
            List<Element> list = byId.computeIfAbsent(g.getKey(), k -> new Bucket()).elements;
            List<Element> fresh = g.getValue();
            if (list.isEmpty() || DocumentOrder.compare(list.get(list.size() - 1), fresh.get(0)) < 0) {
                list.addAll(fresh);
            } else {
                list.addAll(firstNotBefore(list, fresh.get(0)), fresh);
            }
        }
    }

    void removeSubtree(Node root) {
        removeSubtrees(List.of(root));
    }

    /**
     * Removes every element of these subtrees with one pass over each bucket they touch: removing them one by one
     * searched the bucket each time, quadratic when a server filled a page with one id.
     */
    void removeSubtrees(List<? extends Node> roots) {
        Map<String, Set<Element>> gone = new HashMap<>();
        for (Node root : roots) {
            walk(root, e -> gone.computeIfAbsent(e.attr("id"), k -> Collections.newSetFromMap(new IdentityHashMap<>()))
                .add(e));
        }
        for (Map.Entry<String, Set<Element>> g : gone.entrySet()) {
            Bucket b = byId.get(g.getKey());
            if (b == null) {
                continue;
            }
            if (g.getValue().size() == 1) {
                remove(g.getValue().iterator().next(), g.getKey());
            } else {
                b.elements.removeIf(g.getValue()::contains);
                if (b.elements.isEmpty()) {
                    byId.remove(g.getKey());
                }
            }
        }
    }

    /** Calls {@code withId} for every element with an id in the subtree (not descending into templates). */
    private static void walk(Node root, Consumer<Element> withId) {
        // explicit stack: subtrees can be deep, recursion could overflow
        ArrayList<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (!(n instanceof Element e)) {
                continue;
            }
            if (e.hasAttr("id")) {
                withId.accept(e);
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
