package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.fuzz.ConformanceSeeds;
import dev.htmxws.fuzz.FuzzRun;
import dev.htmxws.fuzz.HtmlFuzzer;
import dev.htmxws.testing.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Hostile server messages through {@link HtmxPage#received} for htmx 1, 2 and 4, with a real page (APPLY: the
 * fragment parser and the swap engine) and without one (PLAN): generated markup, recorded messages mutated,
 * random text and bytes, deep nesting. A page lives for a few messages, so damage accumulates as it would in a
 * long session. Every message must end in a {@link PageEvent.Received} (swaps, warnings, or neither) or in the
 * socket being closed because its connect element left the page; no exception may escape, and the page must
 * still serialise afterwards (what {@code --dom-out} and a script's {@code dom} do).
 */
@FuzzTest
class ServerMessageFuzzTest {

    /** Messages one page takes before a fresh one starts. */
    private static final int EPISODE = 12;

    @Test
    void hostileMessagesNeverThrowInAnyDialectOrMode() {
        FuzzRun run = FuzzRun.start("server-messages", 1500);
        ConformanceSeeds seeds = ConformanceSeeds.load();
        List<Session> sessions = new ArrayList<>();
        for (long n = 0; n < run.iterations(); n++) {
            Random r = run.random(n);
            HtmlFuzzer fuzz = new HtmlFuzzer(r);
            if (n % EPISODE == 0 || sessions.isEmpty()) {
                sessions.clear();
                String extra = r.nextInt(3) == 0 ? fuzz.mutate(seeds.pages.get(r.nextInt(seeds.pages.size()))) : "";
                for (Dialect d : Dialect.values()) {
                    sessions.add(new Session(d, false, extra));
                    sessions.add(new Session(d, true, extra));
                }
            }
            String kind;
            String text;
            int pick = r.nextInt(20);
            if (pick < 6) {
                kind = "generated";
                text = fuzz.markup();
            } else if (pick < 12) {
                kind = "mutated-recording";
                text = fuzz.mutate(seeds.messages.get(r.nextInt(seeds.messages.size())));
            } else if (pick < 14) {
                kind = "json-envelope";
                text = fuzz.jsonEnvelope();
            } else if (pick < 16) {
                kind = "random-text";
                text = fuzz.randomText();
            } else if (pick < 18) {
                kind = "random-bytes";
                text = fuzz.randomBytesAsText();
            } else if (pick < 19) {
                kind = "mutated-page";
                text = fuzz.mutate(seeds.pages.get(r.nextInt(seeds.pages.size())));
            } else {
                kind = "deep"; // 100,000 levels: DeepNestingTest
                text = fuzz.deep(50 + r.nextInt(800));
            }
            run.count(kind, text.length());
            long t0 = System.nanoTime();
            try {
                for (Session s : sessions) {
                    run.outcome(s.deliver(text, r, run.where(n, kind)));
                }
            } catch (AssertionError e) {
                throw run.failed(n, text, e);
            }
            run.took(kind, n, System.nanoTime() - t0);
        }
        run.report();
    }

    /**
     * The same hostile data as Server-Sent Events on a page of {@code sse-swap} elements (htmx 2's sse extension), fed
     * to the page as the text of its event stream: nothing thrown, every event applied or warned about, the page
     * still serialises.
     */
    @Test
    void hostileEventsSwapIntoAnSsePageWithoutThrowing() {
        FuzzRun run = FuzzRun.start("sse-swaps", 3000);
        ConformanceSeeds seeds = ConformanceSeeds.load();
        Session s = null;
        for (long n = 0; n < run.iterations(); n++) {
            Random r = run.random(n);
            HtmlFuzzer fuzz = new HtmlFuzzer(r);
            if (n % EPISODE == 0 || !s.page.anythingLive()) {
                s = new Session(Dialect.HTMX2, false, "<div hx-ext=\"sse\" sse-connect=\"/events\">"
                    + "<div id=\"m\" sse-swap=\"message\">m</div><div id=\"o\" sse-swap=\"other\" hx-swap=\"outerHTML\">o</div>"
                    + "<div id=\"t2\" sse-swap=\"to\" hx-target=\"#log2\" hx-swap=\"beforeend\">t</div><div id=\"log2\"></div>"
                    + "<span id=\"a2\">a</span></div>");
                s.page.streamOpened(s.streams.get(0), 200, "text/event-stream");
            }
            String kind = r.nextBoolean() ? "generated" : r.nextBoolean() ? "mutated-recording" : "random-text";
            String data = switch (kind) {
                case "generated" -> fuzz.markup();
                case "mutated-recording" -> fuzz.mutate(seeds.messages.get(r.nextInt(seeds.messages.size())));
                default -> fuzz.randomText();
            };
            run.count(kind, data.length());
            String name = List.of("message", "other", "to").get(r.nextInt(3));
            StringBuilder text = new StringBuilder("event: " + name + "\n");
            for (String line : data.split("\r\n|\r|\n", -1)) {
                text.append("data: ").append(line).append('\n');
            }
            text.append('\n');
            int before = s.events.size();
            try {
                s.page.streamText(s.streams.get(s.streams.size() - 1), text.toString());
                s.dom.canonicalBody();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(run.where(n, kind) + ": the event threw " + e + "\ndata: " + abbreviate(data),
                    e);
            }
            List<PageEvent> got = s.events.subList(before, s.events.size());
            run.outcome(got.stream().anyMatch(e -> e instanceof PageEvent.EventReceived x && !x.swaps().isEmpty())
                ? "swapped"
                : got.stream().anyMatch(e -> e instanceof PageEvent.EventReceived x && !x.warnings().isEmpty())
                    ? "warned" : "nothing-to-do");
        }
        run.report();
    }

    /** One page and its sockets, as a command drives it; the transport records what the page asks for. */
    static final class Session implements HtmxPage.Transport {
        final Dialect dialect;
        final boolean plan;
        final VirtualDom dom;
        final HtmxPage page;
        final List<PageEvent> events = new ArrayList<>();
        final List<Integer> open = new ArrayList<>();
        /** The event streams the page opened, in order. */
        final List<Integer> streams = new ArrayList<>();
        private final List<Integer> opening = new ArrayList<>();

        Session(Dialect dialect, boolean plan, String extra) {
            this.dialect = dialect;
            this.plan = plan;
            this.dom = VirtualDom.parse("<!DOCTYPE html><html><head><title>fuzz</title></head><body>" + base(dialect)
                + extra + "</body></html>", "http://127.0.0.1:8000/app/page.html");
            this.page = new HtmxPage(dialect, dom, this, events::add, () -> 0.5);
            if (plan) {
                page.planOnly();
            }
            page.load();
            openPending();
        }

        static String base(Dialect d) {
            String targets = "<div id=\"t\">t</div><ul id=\"list\"><li>1</li></ul><div id=\"log\"></div>"
                + "<table><tbody id=\"rows\"><tr id=\"r1\"><td>1</td></tr></tbody></table><p id=\"status\">s</p>"
                + "<span class=\"x\" id=\"a\">a</span><span id=\"b\">b</span>";
            return switch (d) {
                case HTMX1 -> "<div id=\"ws\" hx-ws=\"connect:/ws\">" + targets
                    + "<form id=\"f\" hx-ws=\"send\"><input name=\"m\" value=\"v\"></form></div>";
                case HTMX2 -> "<div id=\"ws\" hx-ext=\"ws\" ws-connect=\"/ws\">" + targets
                    + "<form id=\"f\" ws-send><input name=\"m\" value=\"v\"></form></div>";
                case HTMX4 -> "<div id=\"ws\" hx-ws:connect=\"/ws\">" + targets
                    + "<form id=\"f\" hx-ws:send><input name=\"m\" value=\"v\"></form></div>";
            };
        }

        /** Delivers one message on a random open socket; returns how it ended. */
        String deliver(String text, Random r, String where) {
            if (open.isEmpty()) {
                return "no-socket";
            }
            int socket = open.get(r.nextInt(open.size()));
            int before = 0;
            events.clear();
            try {
                page.received(socket, text);
                openPending();
                if (r.nextInt(4) == 0) {
                    clickSomething(r);
                }
                page.advance(r.nextInt(100)); // triggers, polling and reconnect timers the message wired
                openPending();
                dom.canonicalBody();
                dom.document().outerHtml();
            } catch (Throwable t) {
                throw new AssertionError(
                    where + ": " + dialect + (plan ? " plan" : " apply") + " threw " + t + "\nmessage: "
                        + abbreviate(text),
                    t);
            }
            List<PageEvent> mine = new ArrayList<>(events.subList(before, events.size()));
            events.clear(); // polling elements can send a lot: keep only this message's events
            PageEvent.Received received = null;
            for (PageEvent e : mine) {
                if (e instanceof PageEvent.Received rec && rec.socket() == socket && received == null) {
                    received = rec;
                }
            }
            if (received == null) {
                assertThat(closedSockets()).as(where + ": no Received event, so the socket must have been closed"
                    + " (its connect element left the page); message: " + abbreviate(text)).contains(socket);
                open.remove(Integer.valueOf(socket));
                return "socket-closed";
            }
            assertThat(received.text()).isSameAs(text);
            if (!received.swaps().isEmpty()) {
                return "swapped";
            }
            return received.warnings().isEmpty() ? "nothing-to-do" : "warned";
        }

        /** A user clicks an element the server may have sent: its hx-vals, triggers and forms are server input too. */
        private void clickSomething(Random r) {
            List<Element> all = dom.document().body().getAllElements();
            Element e = all.get(r.nextInt(all.size()));
            if (dom.isLive(e)) {
                page.user().click(e);
            }
        }

        private final List<Integer> closed = new ArrayList<>();
        private final List<Integer> closing = new ArrayList<>();

        List<Integer> closedSockets() {
            return closed;
        }

        /** Sockets the page opened or closed get their answer, as a driver's would arrive. */
        private void openPending() {
            for (Integer s : List.copyOf(closing)) {
                closing.remove(s);
                page.closed(s, 1000);
            }
            for (Integer s : List.copyOf(opening)) {
                opening.remove(s);
                open.add(s);
                page.opened(s);
            }
        }

        @Override
        public void open(int socket, String url, List<String> protocols) {
            assertThat(url).startsWith("ws");
            opening.add(socket);
        }

        @Override
        public boolean send(int socket, String frame) {
            assertThat(open).contains(socket);
            return true;
        }

        @Override
        public void close(int socket, int code) {
            closed.add(socket);
            closing.add(socket);
            open.remove(Integer.valueOf(socket));
            opening.remove(Integer.valueOf(socket));
        }

        @Override
        public void openStream(int stream, dev.htmxws.protocol.requests.HttpRequest request) {
            streams.add(stream);
        }

        @Override
        public void closeStream(int stream) {
            // nothing is open
        }

        @Override
        public void request(int id, dev.htmxws.protocol.requests.HttpRequest request) {
            // nothing answers
        }
    }

    /** The message for a report: at most 600 chars, controls and surrogates as escapes (a NUL ends a report). */
    static String abbreviate(String s) {
        String cut = s.length() <= 600 ? s : s.substring(0, 600);
        StringBuilder b = new StringBuilder();
        for (char c : cut.toCharArray()) {
            if ((c < 0x20 && c != '\n') || Character.isSurrogate(c) || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() <= 600 ? b.toString() : b + "... (" + s.length() + " chars)";
    }
}
