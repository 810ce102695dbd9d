package dev.htmxws.protocol.incoming;

import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Opaque parse result carried by a {@link SwapPlan} so that applying it does not parse again. Applying
 * works on a copy, so one plan can be applied to several pages.
 */
public final class ParsedMessage {
    /** H1/H2: fragment and one decision per top-level element; null for H4. */
    final Element container;
    final List<OobDecision> decisions;
    /** index of the element whose processing throws, or -1. */
    final int abortAt;
    final String abortReason;
    /** H4: html to swap (null: data-only) and the JSON envelope's fields. */
    final String html;
    final String jsonTarget;
    final String jsonSwap;
    final String jsonSelect;

    private ParsedMessage(Element container, List<OobDecision> decisions, int abortAt, String abortReason,
        String html, String jsonTarget, String jsonSwap, String jsonSelect) {
        this.container = container;
        this.decisions = decisions;
        this.abortAt = abortAt;
        this.abortReason = abortReason;
        this.html = html;
        this.jsonTarget = jsonTarget;
        this.jsonSwap = jsonSwap;
        this.jsonSelect = jsonSelect;
    }

    static ParsedMessage oob(Element container, List<OobDecision> decisions, int abortAt, String abortReason) {
        return new ParsedMessage(container, List.copyOf(decisions), abortAt, abortReason, null, null, null, null);
    }

    static ParsedMessage h4(String html, String jsonTarget, String jsonSwap, String jsonSelect) {
        return new ParsedMessage(null, null, -1, null, html, jsonTarget, jsonSwap, jsonSelect);
    }

    /**
     * H1/H2 decision for one top-level element: swap style, and either an id to look up or a selector.
     * {@code selector == null} means "by id" ({@code id} may be the text {@code null}).
     */
    record OobDecision(String style, String id, String selector) {
        String targetText() {
            return selector != null ? selector : "#" + id;
        }
    }
}
