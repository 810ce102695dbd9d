package dev.htmxws.protocol.requests;

import org.jsoup.nodes.Element;

/**
 * An event htmx fires on an element because of a response header (HX-Trigger, HX-Trigger-After-Swap,
 * HX-Trigger-After-Settle).
 *
 * @param on     where it is dispatched (it bubbles); the Document itself when htmx 4 fires it on {@code document}
 * @param name   the event name (htmx 1/2 fire a kebab-case twin as a second event)
 * @param detail the detail: a JSON-form value as htmx passes it (htmx 1/2 wrap anything but an object as
 *               {@code {value: v}}; htmx 4 wraps scalars only), or null for the plain form, whose detail is
 *               empty ({@code []} in htmx 1/2, {@code {}} in htmx 4)
 */
public record FiredEvent(Element on, String name, Object detail) {
}
