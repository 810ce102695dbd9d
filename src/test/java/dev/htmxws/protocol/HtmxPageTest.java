package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.dom.VirtualDom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page session driven directly, for what the recorded cases do not cover. */
class HtmxPageTest {

    /** A transport that records the page's calls. */
    static final class Recorder implements HtmxPage.Transport {
        final List<String> calls = new ArrayList<>();

        @Override
        public void open(int socket, String url, List<String> protocols) {
            calls.add("open " + socket + " " + url + " " + protocols);
        }

        @Override
        public boolean send(int socket, String frame) {
            calls.add("send " + socket + " " + frame);
            return true;
        }

        @Override
        public void close(int socket, int code) {
            calls.add("close " + socket + " " + code);
        }

        @Override
        public void openStream(int stream, dev.htmxws.protocol.requests.HttpRequest request) {
            calls.add("openStream " + stream + " " + request.method() + " " + request.url());
        }

        @Override
        public void closeStream(int stream) {
            calls.add("closeStream " + stream);
        }

        @Override
        public void request(int id, dev.htmxws.protocol.requests.HttpRequest request) {
            calls.add("request " + id + " " + request.method() + " " + request.url());
        }
    }

    private static HtmxPage page(Dialect d, String body, Recorder t, List<PageEvent> events) {
        VirtualDom dom = VirtualDom.parse("<!DOCTYPE html><html><head></head><body>" + body + "</body></html>",
            "http://example.test/app/page.html");
        HtmxPage p = new HtmxPage(d, dom, t, events::add, () -> 0.5);
        p.load();
        return p;
    }

    @Test
    void explicitTriggerEventSendsAndFullJitterReconnectFlushesTheQueue() {
        Recorder t = new Recorder();
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX2, "<div hx-ext='ws' ws-connect='/ws'><div id='x' ws-send"
            + " hx-trigger='my-event' hx-vals='{\"n\":1}'>x</div></div>", t, events);
        assertThat(t.calls).containsExactly("open 1 ws://example.test/ws []");
        p.opened(1);
        p.user().trigger(p.dom().document().getElementById("x"), "my-event", Map.of());
        assertThat(t.calls.get(1))
            .startsWith("send 1 {\"n\":1,\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":\"x\"");
        p.closed(1, 1012);
        p.user().trigger(p.dom().document().getElementById("x"), "my-event", Map.of());
        assertThat(events).anyMatch(e -> e instanceof PageEvent.Queued);
        p.advance(499);
        assertThat(t.calls).hasSize(2);
        p.advance(1); // random 0.5 x 1000 ms for the first retry
        assertThat(t.calls.get(2)).isEqualTo("open 2 ws://example.test/ws []");
        p.opened(2);
        assertThat(t.calls.get(3)).startsWith("send 2 {\"n\":1,");
        assertThat(p.queued()).isEmpty();
    }

    @Test
    void htmx4DropsWhatIsSentAfterAClose1000AndSaysWhy() {
        Recorder t = new Recorder();
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX4, "<div hx-ws:connect='chat' hx-config='ws.protocols:[\"v1\"]'>"
            + "<button id='b' hx-ws:send name='go' value='1'>go</button></div>", t, events);
        assertThat(t.calls).containsExactly("open 1 ws://example.test/app/chat [v1]");
        p.opened(1);
        p.closed(1, 1000);
        p.user().click(p.dom().document().getElementById("b"));
        assertThat(t.calls).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof PageEvent.Lost).singleElement()
            .extracting(e -> ((PageEvent.Lost) e).why()).asString().contains("connection not open");
    }

    @Test
    void htmx1HasNoQueue() {
        Recorder t = new Recorder();
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX1, "<div hx-ws='connect:/c'><button id='b' hx-ws='send'>b</button></div>", t,
            events);
        p.user().click(p.dom().document().getElementById("b"));
        assertThat(events).filteredOn(e -> e instanceof PageEvent.Lost).hasSize(1);
        p.opened(1);
        assertThat(t.calls).hasSize(1);
    }
}
