package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.VirtualDom;
import java.util.List;
import org.jsoup.nodes.Element;

/** Where a swapped-in title goes: the two ways htmx sets it. */
final class Titles {
    private Titles() {
    }

    /**
     * {@code document.title = title}: the text of the document's first HTML {@code <title>} (an svg title is not
     * one), or a new one in the head.
     */
    static void set(VirtualDom dom, String title) {
        for (Element t : dom.document().getElementsByTag("title")) {
            if (dom.isLive(t) && !Nodes.hasAncestor(t, "svg", null)) {
                dom.setTextContent(t, title);
                return;
            }
        }
        Element t = dom.document().head().appendElement("title");
        dom.setTextContent(t, title);
    }

    /**
     * htmx 1/2 {@code find('title')}: the first {@code <title>} of any kind (an svg one included) takes the text;
     * with none, {@code document.title}.
     */
    static void setFirst(VirtualDom dom, String title) {
        List<Element> all = dom.document().getElementsByTag("title");
        for (Element t : all) {
            if (dom.isLive(t)) {
                dom.setTextContent(t, title);
                return;
            }
        }
        set(dom, title);
    }
}
