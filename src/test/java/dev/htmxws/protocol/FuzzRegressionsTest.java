package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.htmxws.dom.VirtualDom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The smallest form of each crash {@link ServerMessageFuzzTest} found, kept so that it stays fixed. */
class FuzzRegressionsTest {

    private static final String PAGE = "http://127.0.0.1:8000/app/page.html";

    @Test
    void socketUrlsJavaCannotParseAreEncodedOrRefusedNotThrown() {
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "%zz", PAGE).connectTo())
            .isEqualTo("ws://127.0.0.1:8000/app/%25zz");
        assertThat(SocketUrl.resolve(Dialect.HTMX1, "a b|{x}^[y]", PAGE).connectTo())
            .isEqualTo("ws://127.0.0.1:8000/app/a%20b%7C%7Bx%7D%5E%5By%5D");
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "..\\ws", PAGE).connectTo()).isEqualTo("ws://127.0.0.1:8000/ws");
        assertThat(SocketUrl.resolve(Dialect.HTMX2, "é", PAGE).connectTo()).isEqualTo("ws://127.0.0.1:8000/app/%C3%A9");
        assertThat(SocketUrl.resolve(Dialect.HTMX2, ":x", PAGE).connectTo()).isNull();
    }

    /** {@code every 0s} (or an unreadable interval, which htmx also reads as 0) used to keep the clock from advancing. */
    @Test
    void pollingWithoutAnIntervalIsClampedAsInBrowsersInsteadOfHanging() {
        int pollers = polls("every 100ms") / 10; // htmx 2 wires a send element twice, so it polls twice
        assertThat(pollers).isPositive();
        for (String every : List.of("every 0s", "every x", "every")) {
            // nested timers: the first five run at once, every later one waits 4 ms
            assertThat(polls(every)).as(every).isEqualTo(pollers * (5 + 1000 / 4));
        }
    }

    /** htmx 4 reads hx-config and hx-swap modifiers starting with '{' as JSON; invalid JSON used to escape as an exception. */
    @Test
    void invalidJsonInAServersConfigOrSwapIsAWarningNotAnException() {
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX4, "<div id='t'>t</div><div id='ws' hx-ws:connect='/ws'></div>",
            new ArrayList<>(), events);
        p.received(1, "<div hx-ws:connect='/other' hx-config='{\"ws\":'></div>");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PageEvent.Warned.class,
            w -> assertThat(w.warning().message())
                .contains("hx-config on <div> starts with '{' but is not valid JSON")));
        assertThat(events).noneMatch(e -> e instanceof PageEvent.Connecting c && c.url().endsWith("/other"));

        events.clear();
        p.received(1, "<hx-partial hx-target='#t' hx-swap='innerHTML {\"swap\":'>new</hx-partial>");
        PageEvent.Received r = received(events);
        assertThat(r.swaps()).isEmpty();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.message()).contains("not valid JSON"));
        assertThat(p.dom().byId("t").get(0).text()).isEqualTo("t");
    }

    /** outerSync with nothing but text to take attributes from threw a NullPointerException. */
    @Test
    void outerSyncWithoutAnElementIsASwapErrorForThatSwapOnly() {
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX4,
            "<div id='t' class='c'>t</div><p id='u'>u</p><div id='ws' hx-ws:connect='/ws'></div>",
            new ArrayList<>(), events);
        p.received(1, "<hx-partial hx-target='#t' hx-swap='outerSync'>only text</hx-partial>"
            + "<hx-partial hx-target='#u'>new u</hx-partial>");
        PageEvent.Received r = received(events);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w.message()).contains("outerSync").contains("TypeError"));
        assertThat(p.dom().canonical(p.dom().byId("t").get(0))).isEqualTo("<div id=\"t\" class=\"c\">t</div>");
        assertThat(p.dom().byId("u").get(0).text()).isEqualTo("new u");
    }

    /** Selectors CSS allows but jsoup cannot parse (from hx-select, hx-select-oob, find/closest) escaped as exceptions. */
    @Test
    void aSelectorJsoupCannotParseMatchesNothingWithAWarning() {
        for (String select : List.of("\uFFFD", "find \uFFFD", "closest \uFFFD")) {
            List<PageEvent> events = new ArrayList<>();
            HtmxPage p = page(Dialect.HTMX4,
                "<div id='t'>t</div><div id='ws' hx-ws:connect='/ws' hx-select-oob='\uFFFD'></div>",
                new ArrayList<>(), events);
            p.received(1, "<hx-partial hx-target='" + select + "'>x</hx-partial><p>main</p>");
            assertThat(received(events).warnings()).as(select)
                .anySatisfy(w -> assertThat(w.code()).isEqualTo("selector-unsupported"));
        }
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX4, "<div id='ws' hx-ws:connect='/ws' hx-select='\uFFFD'></div>",
            new ArrayList<>(), events);
        p.received(1, "<p>main</p>");
        assertThat(received(events).warnings()).anySatisfy(w -> assertThat(w.code()).isEqualTo("selector-unsupported"));
    }

    /** A trigger's from: with a selector jsoup cannot parse threw while wiring what a server inserted. */
    @Test
    void aTriggerFromASelectorJsoupCannotParseListensToNothing() {
        for (String trigger : List.of("click from:closest :::", "click from:find [", "click from:\uFFFD")) {
            List<String> sent = new ArrayList<>();
            List<PageEvent> events = new ArrayList<>();
            HtmxPage p = page(Dialect.HTMX2, "<div hx-ext='ws' ws-connect='/ws'><p id='in'></p></div>", sent, events);
            p.received(1, "<p id='in' hx-swap-oob='innerHTML'><button id='b' ws-send hx-trigger='" + trigger
                + "'>b</button></p>");
            assertThat(events).as(trigger).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PageEvent.Warned.class,
                w -> assertThat(w.warning().message()).contains("is not a selector htmxws can evaluate")));
            p.user().click(p.dom().document().getElementById("b"));
            assertThat(sent).as(trigger).isEmpty();
        }
    }

    /** A click on a server's <button form=""> threw jsoup's "String must not be empty" while looking for the form. */
    @Test
    void aButtonWithAnEmptyFormAttributeIsLikeOneNamingNoForm() {
        List<List<String>> sent = new ArrayList<>();
        for (String form : List.of("", "nosuchid")) {
            List<String> frames = new ArrayList<>();
            HtmxPage p = page(Dialect.HTMX2,
                "<div hx-ext='ws' ws-connect='/ws'><form id='f' ws-send><input name='a' value='1'>"
                    + "<button id='b' form='" + form + "'>go</button></form></div>",
                frames);
            assertThat(FormControls.formOwner(p.dom().document().getElementById("b"))).isNull();
            p.user().click(p.dom().document().getElementById("b"));
            sent.add(frames);
        }
        assertThat(sent.get(0)).isEqualTo(sent.get(1));
    }

    /** An sse-swap element whose hx-target is not a selector threw out of the SSE swap (listen --page on a stream). */
    @Test
    void anSseEventForAnElementWithABadTargetIsNotSwappedWithAWarning() {
        VirtualDom dom = VirtualDom.parse("<body><div hx-ext='sse' sse-connect='/e'><div id='m' sse-swap='message'"
            + " hx-target=':::'>m</div></div></body>", PAGE);
        ServerMessageFuzzTest.Session s = new ServerMessageFuzzTest.Session(Dialect.HTMX2, false, "");
        List<PageEvent> events = new java.util.ArrayList<>();
        HtmxPage page = new HtmxPage(Dialect.HTMX2, dom, s, events::add, () -> 0.5);
        page.load();
        page.streamOpened(s.streams.get(s.streams.size() - 1), 200, "text/event-stream");
        page.streamText(s.streams.get(s.streams.size() - 1), "data: <p>new</p>\n\n");
        assertThat(events).filteredOn(PageEvent.EventReceived.class::isInstance).singleElement()
            .satisfies(e -> assertThat(((PageEvent.EventReceived) e).warnings()).anySatisfy(w -> assertThat(w.message())
                .contains(":::")));
        assertThat(dom.document().getElementById("m").text()).isEqualTo("m");
    }

    /** A value nested 100,000 deep overflowed the recursive JSON parser and HCON merge; now it is a SyntaxError. */
    @Test
    void deeplyNestedJsonAndHconFromAServerFailLikeInvalidJson() {
        int n = 100_000;
        assertThatThrownBy(() -> dev.htmxws.protocol.js.JsonText.parse("[".repeat(n) + "]".repeat(n)))
            .isInstanceOf(dev.htmxws.protocol.js.JsonText.SyntaxError.class)
            .hasMessageContaining("nested deeper than 200");
        String key = "a.".repeat(n) + "b";
        assertThatThrownBy(() -> dev.htmxws.protocol.js.Hcon.parse(key + ":1 " + key + ":2"))
            .isInstanceOf(dev.htmxws.protocol.js.JsonText.SyntaxError.class).hasMessageContaining("deeper than 200");
        assertThat(dev.htmxws.protocol.js.JsonText.parse("[".repeat(200) + "]".repeat(200))).isNotNull();

        List<String> sent = new ArrayList<>();
        List<PageEvent> events = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX4, "<div id='ws' hx-ws:connect='/ws'></div>", sent, events);
        p.received(1, "<button id='b' hx-ws:send hx-vals='{\"a\":" + "[".repeat(n) + "'>go</button>");
        p.user().click(p.dom().document().getElementById("b"));
        assertThat(sent).isEmpty();
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(PageEvent.Warned.class,
            w -> assertThat(w.warning().message()).contains("hx-vals").contains("nested deeper than 200")));
    }

    private static PageEvent.Received received(List<PageEvent> events) {
        return (PageEvent.Received) events.stream().filter(e -> e instanceof PageEvent.Received).reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no message was received: " + events));
    }

    private static int polls(String trigger) {
        List<String> sent = new ArrayList<>();
        HtmxPage p = page(Dialect.HTMX2, "<div hx-ext='ws' ws-connect='/ws'><div id='p' ws-send hx-trigger='" + trigger
            + "'>p</div></div>", sent);
        p.advance(1000);
        return sent.size();
    }

    private static HtmxPage page(Dialect d, String body, List<String> sent) {
        return page(d, body, sent, new ArrayList<>());
    }

    private static HtmxPage page(Dialect d, String body, List<String> sent, List<PageEvent> events) {
        VirtualDom dom = VirtualDom.parse("<!DOCTYPE html><html><head></head><body>" + body + "</body></html>", PAGE);
        HtmxPage p = new HtmxPage(d, dom, new HtmxPage.Transport() {
            @Override
            public void open(int socket, String url, List<String> protocols) {
            }

            @Override
            public boolean send(int socket, String frame) {
                sent.add(frame);
                return true;
            }

            @Override
            public void close(int socket, int code) {
            }

            @Override
            public void openStream(int stream, dev.htmxws.protocol.requests.HttpRequest request) {
                // the fuzzed page has no server behind it
            }

            @Override
            public void closeStream(int stream) {
                // nothing is open
            }

            @Override
            public void request(int id, dev.htmxws.protocol.requests.HttpRequest request) {
                // nothing answers
            }
        }, events::add, () -> 0.5);
        p.load();
        p.opened(1);
        return p;
    }
}
