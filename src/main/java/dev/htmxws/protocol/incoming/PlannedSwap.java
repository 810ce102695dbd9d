package dev.htmxws.protocol.incoming;

/**
 * One swap a message asks for (in a plan) or performed (in an apply result).
 *
 * @param target in a plan the message's {@code #id} or selector, {@code (connect element)} for the htmx 4 main
 *               swap; in an apply result the element hit, as {@link dev.htmxws.dom.UniqueSelector} names it
 *               ({@code #x}, {@code body > div.container:nth-of-type(2)})
 * @param style  swap style as htmx will apply it ({@code outerHTML}, {@code beforeend}, …)
 * @param html   the HTML that is inserted (for non-outer styles: the children of the pushed element)
 */
public record PlannedSwap(String target, String style, String html) {
    /** Target text of the htmx 4 main swap when the message names no target. */
    public static final String CONNECT_ELEMENT = "(connect element)";
}
