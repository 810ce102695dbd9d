package dev.htmxws.protocol.incoming;

import dev.htmxws.protocol.Warning;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * What one swap of response or event text did to a page.
 *
 * @param applied  the swaps made, targets described as {@code tag#id}
 * @param warnings what htmx did silently or surprisingly, in the order met
 * @param aborted  the browser would have thrown part way: what follows the throw was not done
 * @param inserted live roots of inserted content, for the caller to process as htmx does when settling
 * @param title    the document title the swap set, or null
 * @param mainTarget where the main swap ended up: its target, or for outerHTML the first new element (htmx 4's
 *                 task.target); null when there was no main swap or it is not tracked (htmx 1/2)
 */
public record SwapOutcome(List<PlannedSwap> applied, List<Warning> warnings, boolean aborted, List<Element> inserted,
    String title, Element mainTarget) {
    public SwapOutcome {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
        inserted = List.copyOf(inserted);
    }
}
