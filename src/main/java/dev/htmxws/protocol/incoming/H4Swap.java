package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Warning;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * The htmx 4 core swap ({@code htmx.swap(ctx)}, docs/spec/sse-and-requests.md §3.7) of an HTTP response or an
 * SSE event: out-of-band tasks and partials resolved first, the main swap performed first, then the title
 * unless the swap string is exactly {@code none}. The same machinery as htmx 4 WebSocket messages.
 */
public final class H4Swap {
    private H4Swap() {
    }

    /**
     * @param source         the element whose request or stream this is (selectors are relative to it; the
     *                       main swap's default target)
     * @param swap           ctx.swap: the hx-swap (or HX-Reswap) string as htmx holds it
     * @param presetTarget   the target resolved when the request was made, or null for the source itself
     * @param targetSelector a target resolved at swap time instead (HX-Retarget), or null
     * @param thisTargets    what {@code this} in {@code targetSelector} stands for, or null for the source
     */
    public static SwapOutcome apply(VirtualDom dom, Element source, String text, String swap, String select,
        String selectOob, Element presetTarget, String targetSelector, List<Element> thisTargets) {
        List<Warning> warnings = new ArrayList<>();
        return H4Messages.swap(dom, source, text, swap, select, selectOob, presetTarget, targetSelector, thisTargets,
            warnings);
    }
}
