package dev.htmxws.protocol;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;

/** A DOM event travelling up from its target, with the flags htmx's listeners read and set. */
final class DomEvent {
    final String type;
    final Element target;
    final Map<String, Object> props;
    final Element submitter;
    /** Send elements that already handled this event (htmx's handledFor: one send per element per event). */
    final Set<Element> handledFor = new HashSet<>();
    boolean defaultPrevented;
    boolean propagationStopped;

    DomEvent(String type, Element target, Map<String, Object> props, Element submitter) {
        this.type = type;
        this.target = target;
        this.props = props;
        this.submitter = submitter;
    }
}
