package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/** A real jsoup page of one dialect, with shortcuts to build a request from an element and handle its response. */
final class TestPage {
    static final String URL = "http://example.test/app/page.html?room=1#top";

    final Dialect dialect;
    final VirtualDom dom;
    final Requests requests;
    final List<FiredEvent> events = new ArrayList<>();
    /** The page's canonical body when each event was fired: what a listener of that event would see. */
    final List<String> domAtEvents = new ArrayList<>();

    private TestPage(Dialect dialect, String body, boolean sse) {
        this.dialect = dialect;
        this.dom = VirtualDom.parse("<!DOCTYPE html><html><head><title>t</title></head><body>" + body
            + "</body></html>", URL);
        this.requests = new Requests(dialect, sse);
    }

    static TestPage of(Dialect d, String body) {
        return new TestPage(d, body, false);
    }

    static TestPage withSseExtension(String body) {
        return new TestPage(Dialect.HTMX4, body, true);
    }

    Element el(String css) {
        Element e = dom.document().selectFirst(css);
        assertThat(e).as("element %s", css).isNotNull();
        return e;
    }

    Requests.Built build(String css) {
        return requests.build(el(css), null, URL);
    }

    Requests.Built build(String css, String submitter) {
        return requests.build(el(css), el(submitter), URL);
    }

    /** The request, which must be sent. */
    HttpRequest request(String css) {
        Requests.Built b = build(css);
        assertThat(b.request()).as("request of %s: %s", css, b.warnings()).isNotNull();
        return b.request();
    }

    /** Builds the element's request and hands it this response; headers as name, value pairs. */
    Requests.Handled respond(String css, int status, String body, String... headers) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        Requests.Built b = build(css);
        assertThat(b.request()).as("request of %s: %s", css, b.warnings()).isNotNull();
        return requests.handle(dom, b, HttpResponse.of(status, h, body), e -> {
            events.add(e);
            domAtEvents.add(body());
        });
    }

    String body() {
        return dom.canonicalBody();
    }

    String html(String css) {
        return dom.canonical(el(css));
    }

    List<String> eventNames() {
        return events.stream().map(FiredEvent::name).toList();
    }

    static List<String> codes(List<dev.htmxws.protocol.Warning> warnings) {
        return warnings.stream().map(dev.htmxws.protocol.Warning::code).toList();
    }
}
