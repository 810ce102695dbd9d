package dev.htmxws.protocol;

import dev.htmxws.protocol.EventStream.Action;
import dev.htmxws.protocol.EventStream.Kind;
import dev.htmxws.protocol.EventStream.Listener;
import dev.htmxws.protocol.EventStream.State;
import dev.htmxws.protocol.incoming.ApplyResult;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.incoming.SseSwaps;
import dev.htmxws.protocol.requests.HttpRequest;
import dev.htmxws.sse.SseParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * The Server-Sent Events of a page, as the browser's {@code EventSource} and each htmx dialect run them
 * (docs/spec/sse-and-requests.md §1–§2): which elements open streams and which listen, the stream's parsing,
 * reconnection and {@code Last-Event-ID}, and what each listener does with an event (swap it, issue a request,
 * dispatch a DOM event, close the stream). Sans-IO like the rest of the page: the transport opens and reads the
 * streams, the page's clock times the reconnects.
 */
final class EventStreams {

    private static final long H2_MAX_FACTOR = 128;

    private final HtmxPage page;
    private final List<EventStream> all = new ArrayList<>();
    private final Map<Integer, EventStream> byStream = new HashMap<>();
    private final Map<Element, EventStream> byConnect = new IdentityHashMap<>();
    private int nextStream = 1;

    EventStreams(HtmxPage page) {
        this.page = page;
    }

    /** Whether a stream is open, connecting or about to reconnect. */
    boolean anyLive() {
        return all.stream().anyMatch(s -> !s.ended);
    }

    // ---------------------------------------------------------------- processing

    /** The kind of stream {@code e} opens on this page, or null. */
    Kind connectKind(Element e) {
        Dialect d = page.dialect();
        if (d == Dialect.HTMX4) {
            return null; // htmx 4's hx-sse:connect is a request: HtmxPage connects it through its trigger
        }
        if (PageModel.has(e, "sse-connect") && PageModel.extensionActive(e, "sse")
            && !PageModel.attr(e, "sse-connect").isEmpty()) {
            return d == Dialect.HTMX1 ? Kind.H1_EXT : Kind.H2_EXT;
        }
        if (d == Dialect.HTMX1 && legacyConnect(e) != null) {
            return Kind.H1_CORE;
        }
        return null;
    }

    /**
     * htmx's processing of one element for SSE, after its triggers were wired: its stream when it is a connect
     * element, then its listeners (htmx 1's hx-sse swap:, the extensions' sse-swap, sse-close and htmx 2's sse:
     * triggers).
     */
    void processElement(Element e) {
        Kind kind = connectKind(e);
        if (kind != null && !byConnect.containsKey(e)) {
            String url = kind == Kind.H1_CORE ? legacyConnect(e) : PageModel.attr(e, "sse-connect");
            EventStream s = new EventStream(kind, e, url, resolve(url));
            all.add(s);
            byConnect.put(e, s);
            if (kind == Kind.H2_EXT) {
                String close = PageModel.attr(e, "sse-close");
                if (close != null && !close.isEmpty()) {
                    s.listeners.add(new Listener(close, e, Action.CLOSE)); // before any sse-swap listener
                }
            }
            open(s);
        }
        if (page.dialect() == Dialect.HTMX1) {
            for (String name : legacySwaps(e)) {
                EventStream s = sourceFor(e);
                if (s == null) {
                    page.warn(new Warning("no-sse-source", HtmxPage.describe(e) + ": hx-sse=\"swap:" + name
                        + "\" has no hx-sse connect element above it (htmx:noSSESourceError); it never swaps"));
                } else {
                    s.listeners.add(new Listener(name, e, Action.SWAP));
                }
            }
        }
        if (page.dialect() != Dialect.HTMX4 && PageModel.extensionActive(e, "sse")) {
            registerSse(e);
        }
    }

    /** The extensions' registerSSE: sse-swap names, and htmx 2's sse: triggers. */
    private void registerSse(Element e) {
        String swap = PageModel.attr(e, "sse-swap");
        EventStream s = sourceFor(e);
        if (swap != null && !swap.isEmpty()) {
            if (s == null) {
                return; // the extension returns silently: an sse-swap outside its connect element hears nothing
            }
            for (String name : swap.split(",")) {
                if (!name.isBlank()) {
                    s.listeners.add(new Listener(name.strip(), e, Action.SWAP));
                }
            }
        }
        if (page.dialect() == Dialect.HTMX2 && s != null) {
            String trigger = PageModel.attr(e, "hx-trigger");
            if (trigger != null && !trigger.isEmpty()) {
                for (TriggerSpec spec : TriggerSpec.parse(trigger)) {
                    if (spec.event().startsWith("sse:")) {
                        s.listeners.add(new Listener(spec.event().substring(4), e, Action.DOM_EVENT));
                    }
                }
            }
        }
    }

    /** htmx 1 core's sse: trigger: a listener on the closest stream that exists now, or a warning. */
    boolean listenForRequest(Element e, String name) {
        EventStream s = sourceFor(e);
        if (s == null) {
            page.warn(new Warning("no-sse-source", HtmxPage.describe(e) + ": hx-trigger=\"sse:" + name
                + "\" finds no event stream above it when htmx wires it (htmx:noSSESourceError"
                + (connectKind(e) != null ? "; on the connect element itself htmx 1 wires triggers first" : "")
                + "); it never fires"));
            return false;
        }
        s.listeners.add(new Listener(name, e, Action.REQUEST));
        return true;
    }

    /** The closest ancestor-or-self that holds a stream. */
    EventStream sourceFor(Element e) {
        for (Element a = e; a != null; a = a.parent()) {
            EventStream s = byConnect.get(a);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static String legacyConnect(Element e) {
        for (String[] t : PageModel.legacyTokens(PageModel.attr(e, "hx-sse"))) {
            if (t[0].equals("connect") && t[1] != null) {
                return t[1];
            }
        }
        return null;
    }

    private static List<String> legacySwaps(Element e) {
        List<String> out = new ArrayList<>();
        for (String[] t : PageModel.legacyTokens(PageModel.attr(e, "hx-sse"))) {
            if (t[0].equals("swap") && t[1] != null) {
                out.add(t[1]);
            }
        }
        return out;
    }

    private String resolve(String url) {
        try {
            return URI.create(page.dom().url()).resolve(url.strip()).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    // ---------------------------------------------------------------- connection

    private void open(EventStream s) {
        s.stream = nextStream++;
        s.state = State.CONNECTING;
        s.parser = new SseParser(s.lastEventId);
        byStream.put(s.stream, s);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        headers.put("Cache-Control", "no-cache");
        if (!s.lastEventId.isEmpty()) {
            headers.put("Last-Event-ID", s.lastEventId);
        }
        page.emit(new PageEvent.StreamOpening(s.stream, s.absoluteUrl, HtmxPage.describe(s.connect)));
        page.transport().openStream(s.stream, new HttpRequest("GET", s.absoluteUrl, headers, null));
    }

    /** The response to a stream's request arrived: an EventSource opens only on a 200 text/event-stream. */
    void opened(int stream, int status, String contentType) {
        EventStream s = byStream.get(stream);
        if (s == null || s.stream != stream || s.state != State.CONNECTING) {
            return;
        }
        if (status != 200 || !essence(contentType).equals("text/event-stream")) {
            page.transport().closeStream(stream);
            fail(s, status != 200 ? "HTTP " + status : "Content-Type " + (contentType == null ? "(none)" : contentType)
                + ", not text/event-stream");
            return;
        }
        s.state = State.OPEN;
        if (s.kind == Kind.H2_EXT && s.retries > 0) {
            reregister(s); // the extension registers the descendants' listeners again on open after a re-creation
        }
        s.retries = 0;
        page.emit(new PageEvent.StreamOpened(stream));
    }

    /** Text of a stream, decoded: each event is dispatched in order. */
    void text(int stream, String text) {
        EventStream s = byStream.get(stream);
        if (s == null || s.stream != stream || s.state != State.OPEN) {
            return;
        }
        for (SseParser.Block b : s.parser.feedBlocks(text)) {
            if (s.parser.retryMillis() >= 0) {
                s.reconnectMillis = s.parser.retryMillis();
            }
            s.lastEventId = b.lastEventId();
            if (b.hasData()) {
                dispatch(s, b.event().isEmpty() ? "message" : b.event(), b.data(), b.lastEventId());
                if (s.stream != stream || s.state != State.OPEN) {
                    return; // a listener closed it (sse-close) or the connect element left the page
                }
            }
        }
    }

    /** The server ended the stream, or the network failed: the EventSource reconnects after its reconnection time. */
    void ended(int stream, String error) {
        EventStream s = byStream.get(stream);
        if (s == null || s.stream != stream || s.state == State.CLOSED) {
            return;
        }
        byStream.remove(stream);
        if (!HtmxPage.attached(s.connect)) {
            end(s, "its element left the page");
            return;
        }
        s.state = State.CONNECTING;
        s.stream = 0;
        long delay = s.reconnectMillis;
        page.emit(new PageEvent.StreamClosed(stream, error == null ? "the server ended the stream" : error, true,
            delay));
        s.pendingReconnect = page.clock().schedule(delay, () -> {
            if (!s.ended && HtmxPage.attached(s.connect)) {
                open(s);
            }
        });
    }

    /** An EventSource that failed for good (an answer that is not a 200 event stream): htmx may make a new one. */
    private void fail(EventStream s, String why) {
        byStream.remove(s.stream);
        int old = s.stream;
        s.state = State.CLOSED;
        s.stream = 0;
        long delay = switch (s.kind) {
            case H2_EXT -> {
                s.retries = (int) Math.max(Math.min(s.retries * 2L, H2_MAX_FACTOR), 1);
                yield s.retries * 500L;
            }
            case H1_EXT -> {
                // h1sse: random() * (2 ^ n) * 500 with XOR, n = 0..7: the bounds are 1000, 1500, 0, 500, 3000 …
                long bound = (2 ^ Math.min(s.retries, 7)) * 500L;
                s.retries++;
                yield Math.round(page.random() * bound);
            }
            default -> -1;
        };
        page.emit(new PageEvent.StreamClosed(old, why, delay >= 0, delay));
        if (delay < 0) {
            s.ended = true;
            return;
        }
        s.lastEventId = ""; // a new EventSource: the old one's last event id is gone
        s.pendingReconnect = page.clock().schedule(delay, () -> {
            if (!s.ended && HtmxPage.attached(s.connect)) {
                open(s);
            }
        });
    }

    /** Closes a stream for good from the page's side (sse-close, or the connect element left the page). */
    private void end(EventStream s, String why) {
        if (s.pendingReconnect != null) {
            s.pendingReconnect.cancel();
        }
        boolean live = s.stream != 0;
        int stream = s.stream;
        s.ended = true;
        s.state = State.CLOSED;
        s.stream = 0;
        if (live) {
            byStream.remove(stream);
            page.transport().closeStream(stream);
            page.emit(new PageEvent.StreamClosed(stream, why, false, -1));
        }
    }

    /** Closes the streams whose connect elements a swap removed (htmx's cleanup closes them). */
    void closeRemoved() {
        for (EventStream s : all) {
            if (!s.ended && !HtmxPage.attached(s.connect)) {
                end(s, "its element left the page");
            }
        }
    }

    /** htmx 2's onopen after a re-creation: the sse-swap and hx-trigger descendants register again. */
    private void reregister(EventStream s) {
        List<Listener> own = new ArrayList<>();
        for (Listener l : s.listeners) {
            if (l.element() == s.connect) {
                own.add(l);
            }
        }
        s.listeners.clear();
        s.listeners.addAll(own);
        for (Element d : s.connect.select("[sse-swap], [data-sse-swap], [hx-trigger], [data-hx-trigger]")) {
            if (d != s.connect) {
                registerSse(d);
            }
        }
    }

    // ---------------------------------------------------------------- events

    private void dispatch(EventStream s, String type, String data, String id) {
        List<PlannedSwap> swaps = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        List<Element> requests = new ArrayList<>();
        boolean closing = false;
        for (Listener l : List.copyOf(s.listeners)) {
            if (!l.name().equals(type)) {
                continue;
            }
            if (!HtmxPage.attached(s.connect)) {
                end(s, "its element left the page");
                break;
            }
            if (!HtmxPage.attached(l.element())) {
                s.listeners.remove(l); // a listener that a swap replaced unregisters itself
                if (l.action() != Action.DOM_EVENT) {
                    continue;
                }
            }
            switch (l.action()) {
                case SWAP -> {
                    ApplyResult r = swap(s, l.element(), data);
                    swaps.addAll(r.applied());
                    warnings.addAll(r.warnings());
                    settle(s, r.inserted());
                }
                case REQUEST -> requests.add(l.element());
                case DOM_EVENT -> page.dispatchEvent(l.element(), "sse:" + type, Map.of("data", data));
                case CLOSE -> closing = true;
            }
        }
        page.emit(new PageEvent.EventReceived(s.stream, type, data, id, swaps, warnings));
        for (Element e : requests) {
            page.issueRequest(e, null);
        }
        if (closing) {
            end(s, "sse-close=\"" + type + "\"");
        }
        page.closeRemoved();
    }

    private ApplyResult swap(EventStream s, Element listener, String data) {
        return switch (s.kind) {
            case H2_EXT -> SseSwaps.apply(page.dom(), listener, data);
            case H1_CORE, H1_EXT -> SseSwaps.apply(page.dom(), listener, data);
            case H4 -> throw new IllegalStateException("htmx 4 streams swap through their request");
        };
    }

    /** Processes what a swap inserted when the dialect settles it: at once, or after the extension's 20 ms. */
    private void settle(EventStream s, List<Element> inserted) {
        if (inserted.isEmpty()) {
            return;
        }
        if (s.kind.settleMillis() == 0) {
            page.processInserted(inserted);
        } else {
            page.clock().schedule(s.kind.settleMillis(), () -> page.processInserted(inserted));
        }
    }

    private static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
