package dev.htmxws.protocol.incoming;

import dev.htmxws.protocol.Warning;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * What a message did to a page.
 *
 * @param applied        swaps performed, targets described as {@code tag#id}
 * @param warnings       plan warnings plus what only the page reveals (no target, lost updates, …)
 * @param aborted        the browser would have thrown: the rest of the message was not processed
 * @param inserted       live roots of inserted content, so new connect/send elements can be found
 *                       without walking the page
 * @param connectRemoved the connect element is no longer in the document (its socket closes)
 */
public record ApplyResult(List<PlannedSwap> applied, List<Warning> warnings, boolean aborted,
    List<Element> inserted, boolean connectRemoved) {
    public ApplyResult {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
        inserted = List.copyOf(inserted);
    }
}
