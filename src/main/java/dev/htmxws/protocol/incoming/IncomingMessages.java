package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import java.util.Objects;
import org.jsoup.nodes.Element;

/**
 * Server → client messages (docs/spec/protocol.md §2): {@link #plan} tells what a message asks for without a page,
 * {@link #apply} does it to a page exactly as the dialect's htmx would in a browser.
 */
public final class IncomingMessages {
    /** The warning code of an htmx 4 JSON envelope received by an htmx 1/2 page. */
    public static final String HTMX4_ENVELOPE = OobMessages.ENVELOPE;

    private final Dialect dialect;
    private final OobMessages oob;
    private final H4Messages h4;

    public IncomingMessages(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect);
        this.oob = dialect == Dialect.HTMX4 ? null : new OobMessages(dialect);
        this.h4 = dialect == Dialect.HTMX4 ? new H4Messages() : null;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** What the message asks for: the swaps {target, style, html} this dialect would apply, and pitfalls. */
    public SwapPlan plan(String text) {
        return h4 != null ? h4.plan(text) : oob.plan(text);
    }

    /**
     * Applies a plan to {@code dom}. {@code connect} is the element whose socket received the message: htmx
     * ignores messages for a connect element that left the page, and htmx 4 swaps into it.
     */
    public ApplyResult apply(SwapPlan plan, VirtualDom dom, Element connect) {
        if (plan.dialect() != dialect) {
            throw new IllegalArgumentException("plan made for " + plan.dialect() + ", applied as " + dialect);
        }
        return h4 != null ? h4.apply(plan, dom, connect) : oob.apply(plan, dom, connect);
    }
}
