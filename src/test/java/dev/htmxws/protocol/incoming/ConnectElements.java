package dev.htmxws.protocol.incoming;

import dev.htmxws.protocol.Dialect;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/** Test helper: connect elements under some roots, as each dialect discovers them (docs/spec/protocol.md §3.1). */
final class ConnectElements {
    private ConnectElements() {
    }

    static List<Element> find(Dialect dialect, List<Element> roots) {
        List<Element> out = new ArrayList<>();
        for (Element root : roots) {
            for (Element e : root.getAllElements()) { // includes root
                if (dialect == Dialect.HTMX4 ? e.hasAttr("hx-ws:connect") || e.hasAttr("data-hx-ws:connect")
                    : (e.hasAttr("ws-connect") || e.hasAttr("data-ws-connect")) && wsExtension(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static boolean wsExtension(Element e) {
        for (Element c = e; c != null; c = c.parent()) {
            String ext = c.hasAttr("hx-ext") ? c.attr("hx-ext") : c.attr("data-hx-ext");
            for (String name : ext.split(",")) {
                if (name.trim().equals("ws")) {
                    return true;
                }
            }
        }
        return false;
    }
}
