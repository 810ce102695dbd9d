package dev.htmxws.protocol.incoming;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import java.util.List;
import org.jsoup.nodes.Element;

/** Test fixture: a page with one connect element, receiving messages as the given dialect. */
final class Page {
    final VirtualDom dom;
    final IncomingMessages incoming;
    Element connect;
    ApplyResult last;

    Page(Dialect dialect, String body) {
        this.dom = VirtualDom.parse(
            "<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>",
            "http://127.0.0.1:8080/page.html");
        this.incoming = new IncomingMessages(dialect);
        List<Element> found = dialect == Dialect.HTMX1 ? dom.select("[hx-ws]")
            : ConnectElements.find(dialect, List.of(dom.body()));
        this.connect = found.get(0);
    }

    static Page h1(String body) {
        return new Page(Dialect.HTMX1, body);
    }

    static Page h2(String body) {
        return new Page(Dialect.HTMX2, body);
    }

    static Page h4(String body) {
        return new Page(Dialect.HTMX4, body);
    }

    /** Receives one text frame; returns the canonical body. */
    String recv(String text) {
        last = incoming.apply(incoming.plan(text), dom, connect);
        return dom.canonicalBody();
    }

    List<String> warningCodes() {
        return last.warnings().stream().map(dev.htmxws.protocol.Warning::code).toList();
    }
}
