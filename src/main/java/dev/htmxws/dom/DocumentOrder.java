package dev.htmxws.dom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jsoup.nodes.Node;

/** Document-order comparison of two attached nodes (only needed when several elements share an id). */
final class DocumentOrder {
    private DocumentOrder() {
    }

    static final Comparator<Node> COMPARATOR = DocumentOrder::compare;

    static int compare(Node a, Node b) {
        if (a == b) {
            return 0;
        }
        List<Node> pa = path(a);
        List<Node> pb = path(b);
        int i = 0;
        while (i < pa.size() && i < pb.size() && pa.get(i) == pb.get(i)) {
            i++;
        }
        if (i == pa.size()) {
            return -1; // a is an ancestor of b
        }
        if (i == pb.size()) {
            return 1;
        }
        return Integer.compare(pa.get(i).siblingIndex(), pb.get(i).siblingIndex());
    }

    private static List<Node> path(Node n) {
        ArrayList<Node> p = new ArrayList<>();
        for (Node c = n; c != null; c = c.parentNode()) {
            p.add(c);
        }
        java.util.Collections.reverse(p);
        return p;
    }
}
