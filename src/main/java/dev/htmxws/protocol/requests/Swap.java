package dev.htmxws.protocol.requests;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.H4Swap;
import dev.htmxws.protocol.incoming.LegacySwap;
import dev.htmxws.protocol.incoming.LegacySwapSpec;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.incoming.SwapOutcome;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * The swap pipeline of each dialect on its own, for text that did not come from an HTTP response: an SSE event's
 * data in htmx 1 core, the htmx 1/2 sse extensions, htmx 4 hx-sse unnamed events (docs/spec/sse-and-requests.md
 * §2.2–§2.5, "swap call").
 */
public final class Swap {
    private static final Pattern SWAP_EMPTY = Pattern.compile("(?:^|\\s)swapEmpty(?::(?:true|false))?(?=\\s|$)");

    private Swap() {
    }

    /**
     * Swaps {@code text} into {@code target}.
     *
     * @param swapSpec  the hx-swap in force (null: innerHTML)
     * @param select    the hx-select to apply, or null (htmx 2's sse extension applies neither it nor selectOob;
     *                  htmx 1 and htmx 4 do)
     * @param selectOob the hx-select-oob to apply, or null
     * @param swapEmpty htmx 4: false appends {@code swapEmpty:false} (unless the spec names swapEmpty), so that a
     *                  fragment with no element and no non-blank text leaves the target alone; ignored by htmx 1/2
     */
    public static Result apply(Dialect d, VirtualDom dom, Element target, String text, String swapSpec, String select,
        String selectOob, boolean swapEmpty) {
        return apply(d, dom, target, target, text, swapSpec, select, selectOob, swapEmpty);
    }

    /**
     * As {@link #apply(Dialect, VirtualDom, Element, String, String, String, String, boolean)}, with htmx 4's source
     * element (the hx-sse:connect element) apart from the target: out-of-band selectors such as {@code closest …}
     * or {@code this} are relative to it.
     */
    public static Result apply(Dialect d, VirtualDom dom, Element source, Element target, String text,
        String swapSpec, String select, String selectOob, boolean swapEmpty) {
        SwapOutcome o;
        long settle;
        if (d == Dialect.HTMX4) {
            String swap = swapSpec == null || swapSpec.isEmpty() ? "innerHTML" : swapSpec;
            if (!swapEmpty && !SWAP_EMPTY.matcher(swap).find()) {
                swap += " swapEmpty:false";
            }
            o = H4Swap.apply(dom, source, text, swap, select, selectOob, target, null, null);
            settle = 0;
        } else {
            LegacySwapSpec spec = LegacySwapSpec.parse(swapSpec);
            // htmx 1's SSE swaps never set the title; htmx 2's sse extension goes through htmx.swap, which does
            o = LegacySwap.apply(d == Dialect.HTMX1, dom, target, text, spec, select, selectOob, d == Dialect.HTMX2);
            settle = d == Dialect.HTMX2 ? spec.swapDelay() + spec.settleDelay() : spec.settleDelay();
        }
        return new Result(o.applied(), o.warnings(), o.inserted(), settle, o.title());
    }

    /**
     * @param settleMillis when the inserted content is processed: htmx 2 after swap: and settle: (20 ms by
     *                     default); htmx 1's sse extension after settle: (htmx 1 core settles at once); htmx 4 at once
     */
    public record Result(List<PlannedSwap> applied, List<Warning> warnings, List<Element> inserted, long settleMillis,
        String title) {
        public Result {
            applied = List.copyOf(applied);
            warnings = List.copyOf(warnings);
            inserted = List.copyOf(inserted);
        }
    }
}
