package dev.htmxws.protocol.incoming;

/**
 * One swap a message asks for (in a plan) or performed (in an apply result).
 *
 * @param target {@code #id}, a selector, {@code (connect element)} for the htmx 4 main swap, or in an
 *               apply result a description of the element hit ({@code div#x})
 * @param style  swap style as htmx will apply it ({@code outerHTML}, {@code beforeend}, …)
 * @param html   the HTML that is inserted (for non-outer styles: the children of the pushed element)
 */
public record PlannedSwap(String target, String style, String html) {
    /** Target text of the htmx 4 main swap when the message names no target. */
    public static final String CONNECT_ELEMENT = "(connect element)";
}
