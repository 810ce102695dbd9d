package dev.htmxws.protocol.requests;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What a request needs to know of the page it starts from: its location, base URL, and whether it holds the element. */
final class PageContext {
    private PageContext() {
    }

    /** {@code location.href} parsed; the first {@code <base href>} of the document gives the base URL instead. */
    static WebUrl baseUrl(Element elt, String pageUrl) {
        WebUrl page = WebUrl.parse(pageUrl);
        Document doc = elt.ownerDocument();
        Element base = doc == null ? null : doc.selectFirst("base[href]");
        if (base == null) {
            return page.withoutFragment();
        }
        try {
            return page.resolve(base.attr("href")).withoutFragment();
        } catch (IllegalArgumentException e) {
            return page.withoutFragment();
        }
    }

    /** In the document, outside template content (htmx's bodyContains / isConnected). */
    static boolean connected(Element elt) {
        for (Element e = elt; e != null; e = e.parent()) {
            if (e instanceof Document) {
                return true;
            }
            if (e != elt && e.normalName().equals("template")) {
                return false;
            }
        }
        return false;
    }
}
