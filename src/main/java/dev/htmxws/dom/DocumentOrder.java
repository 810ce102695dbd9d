package dev.htmxws.dom;

import java.util.Comparator;
import org.jsoup.nodes.Node;

/** Document-order comparison of two attached nodes (only needed when several elements share an id). */
final class DocumentOrder {
    private DocumentOrder() {
    }

    static final Comparator<Node> COMPARATOR = DocumentOrder::compare;

    /** Climbs to the common ancestor without building paths: O(depth), no allocation, also 100,000 levels deep. */
    static int compare(Node a, Node b) {
        if (a == b) {
            return 0;
        }
        int da = depth(a);
        int db = depth(b);
        Node x = a;
        Node y = b;
        while (da > db) {
            x = x.parentNode();
            da--;
        }
        while (db > da) {
            y = y.parentNode();
            db--;
        }
        if (x == y) {
            return a == x ? -1 : 1; // one is an ancestor of the other, and comes first
        }
        while (x.parentNode() != y.parentNode()) {
            x = x.parentNode();
            y = y.parentNode();
        }
        return Integer.compare(x.siblingIndex(), y.siblingIndex());
    }

    private static int depth(Node n) {
        int d = 0;
        for (Node c = n.parentNode(); c != null; c = c.parentNode()) {
            d++;
        }
        return d;
    }
}
