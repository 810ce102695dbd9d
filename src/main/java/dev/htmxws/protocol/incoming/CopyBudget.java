package dev.htmxws.protocol.incoming;

import dev.htmxws.protocol.Warning;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * How many nodes one message may copy: htmx clones an out-of-band element once per target, and htmx 4 and
 * the sse extension clone nested out-of-band elements inside their ancestors' copies too. A browser does the
 * same, so a hostile message (100,000 nested {@code hx-swap-oob} elements, or one matching every element of a
 * big page) copies without bound until the tab dies. htmxws stops at a budget instead: twice the message's own
 * nodes, and at least {@value #MIN_NODES}, so that memory stays proportional to what the server sent.
 */
final class CopyBudget {

    static final long MIN_NODES = 1_000_000;

    /** The message would copy more than its budget; the swaps stop here. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message, null, false, false);
        }

        Warning warning(String rest) {
            return new Warning("message-too-large", getMessage() + "; " + rest);
        }
    }

    private final long budget;
    private long left;

    CopyBudget(Element fragment) {
        long own = count(fragment, Long.MAX_VALUE);
        this.budget = Math.max(MIN_NODES, 2 * own);
        this.left = budget;
    }

    /** Takes {@code copies} copies of {@code n}'s subtree from the budget, or throws when they do not fit. */
    void spend(Node n, int copies) {
        if (copies <= 0) {
            return;
        }
        long size = count(n, left / copies + 1);
        if (size * copies > left) {
            throw new Exceeded("the message would copy more than " + budget + " nodes (hx-swap-oob nested in"
                + " hx-swap-oob, or a selector with very many targets)");
        }
        left -= size * copies;
    }

    /** Nodes in the subtree of {@code root}, counting no further than {@code limit}. */
    private static long count(Node root, long limit) {
        long n = 0;
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty() && n < limit) {
            Node x = stack.pop();
            n++;
            for (int i = x.childNodeSize() - 1; i >= 0; i--) {
                stack.push(x.childNode(i));
            }
        }
        return n;
    }
}
