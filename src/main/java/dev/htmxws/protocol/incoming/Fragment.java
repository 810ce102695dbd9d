package dev.htmxws.protocol.incoming;

import org.jsoup.nodes.Element;

/**
 * A parsed message: {@code container} is a detached neutral element standing for the browser's
 * DocumentFragment (or, for H1, the wrapper element whose element children htmx iterates);
 * {@code title} is the title htmx extracted, or null.
 */
record Fragment(Element container, String title) {
}
