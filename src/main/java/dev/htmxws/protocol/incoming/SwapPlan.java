package dev.htmxws.protocol.incoming;

import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import java.util.List;

/**
 * What a message asks for, independent of any page ({@code htmxws listen} prints it).
 *
 * @param dialect  the dialect that parsed it
 * @param swaps    the swaps in the order the dialect performs them (up to an abort)
 * @param warnings pitfalls visible without a page (aborting oob values, id-less fragments, …)
 * @param title    the title htmx extracts and applies (htmx 4 only), else null
 * @param aborts   true if the browser throws while processing the message (the swaps listed are the ones
 *                 done before the throw)
 * @param parsed   the parsed message, for {@link IncomingMessages#apply}
 */
public record SwapPlan(Dialect dialect, List<PlannedSwap> swaps, List<Warning> warnings, String title,
    boolean aborts, ParsedMessage parsed) {
    public SwapPlan {
        swaps = List.copyOf(swaps);
        warnings = List.copyOf(warnings);
    }
}
