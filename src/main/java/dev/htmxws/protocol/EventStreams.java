package dev.htmxws.protocol;

import dev.htmxws.protocol.EventStream.Action;
import dev.htmxws.protocol.EventStream.Kind;
import dev.htmxws.protocol.EventStream.Listener;
import dev.htmxws.protocol.EventStream.State;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.outgoing.Attributes;
import dev.htmxws.protocol.outgoing.LegacyInputs;
import dev.htmxws.protocol.requests.HttpRequest;
import dev.htmxws.protocol.requests.HttpResponse;
import dev.htmxws.protocol.requests.Requests;
import dev.htmxws.protocol.requests.Swap;
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
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The Server-Sent Events of a page, as the browser's {@code EventSource} and each htmx dialect run them
 * (docs/spec/sse-and-requests.md §1–§2): which elements open streams and which listen, the stream's parsing,
 * reconnection and {@code Last-Event-ID}, and what each listener does with an event (swap it, issue a request,
 * dispatch a DOM event, close the stream). Sans-IO like the rest of the page: the transport opens and reads the
 * streams, the page's clock times the reconnects.
 */
final class EventStreams {

    private static final long H2_MAX_FACTOR = 128;
    /** What htmx 1 processes (findElementsToProcess): each fires htmx:afterProcessNode, which its extensions hear. */
    private static final Evaluator H1_PROCESSED = QueryParser.parse("[hx-get], [hx-post], [hx-put], [hx-delete],"
        + " [hx-patch], [data-hx-get], [data-hx-post], [data-hx-put], [data-hx-delete], [data-hx-patch], form,"
        + " [type=submit], [hx-sse], [data-hx-sse], [hx-ws], [data-hx-ws], [hx-ext], [data-hx-ext], [hx-trigger],"
        + " [data-hx-trigger], [hx-boost], [data-hx-boost]");

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
    void processElement(Element e, boolean root) {
        if (page.dialect() == Dialect.HTMX4) {
            h4Process(e);
            return;
        }
        if (page.dialect() == Dialect.HTMX1 && PageModel.extensionActive(e, "sse") && (root || H1_PROCESSED.matches(
            e, e))) {
            // htmx 1's sse extension, on every element htmx processes (and the root of new content): it scans the
            // element and all its descendants, so an sse-swap inside another processed element registers twice
            for (Element d : e.getAllElements()) {
                open(d);
                if (d != e && PageModel.has(d, "sse-swap") && PageModel.extensionActive(d, "sse")) {
                    registerSse(d);
                }
            }
        } else {
            open(e);
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
        boolean h1Scanned = page.dialect() == Dialect.HTMX1 && (root || H1_PROCESSED.matches(e, e));
        if (page.dialect() == Dialect.HTMX2 && PageModel.extensionActive(e, "sse")
            || h1Scanned && PageModel.extensionActive(e, "sse")) {
            registerSse(e);
        }
    }

    /** Opens {@code e}'s stream when it is a connect element without one. */
    private void open(Element e) {
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
    void opened(int stream, int status, Map<String, List<String>> headers) {
        EventStream s = byStream.get(stream);
        if (s == null || s.stream != stream || s.state != State.CONNECTING) {
            return;
        }
        String contentType = header(headers, "content-type");
        if (s.kind == Kind.H4) {
            h4Opened(s, status, contentType, headers);
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
        if (s.kind == Kind.H4) {
            h4Text(s, text);
            return;
        }
        for (SseParser.Block b : s.parser.feedBlocks(text)) {
            if (s.parser.retryMillis() >= 0) {
                s.reconnectMillis = s.parser.retryMillis();
            }
            s.lastEventId = b.lastEventId();
            if (b.hasData()) {
                dispatch(s, b.event().isEmpty() ? "message" : b.event(), b.data(), b.lastEventId());
                if (s.stream != stream || s.state != State.OPEN || page.paused()) {
                    return; // a listener closed it (sse-close), the connect element left the page, or the driver has enough
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
        if (s.kind == Kind.H4) {
            h4Ended(s, stream, error);
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

    /** A person asked for fresh connections: each live stream is opened again now, with its last event id. */
    void reconnectNow() {
        for (EventStream s : List.copyOf(all)) {
            if (s.ended || !HtmxPage.attached(s.connect)) {
                continue;
            }
            if (s.pendingReconnect != null) {
                s.pendingReconnect.cancel();
            }
            if (s.stream != 0) {
                byStream.remove(s.stream);
                page.transport().closeStream(s.stream);
            }
            if (s.kind == Kind.H4) {
                Map<String, String> headers = new LinkedHashMap<>(s.built.request().headers());
                headers.keySet().removeIf(k -> k.equalsIgnoreCase("Last-Event-ID"));
                if (!s.lastEventId.isEmpty()) {
                    headers.put("Last-Event-ID", s.lastEventId);
                }
                HttpRequest first = s.built.request();
                h4Open(s, new HttpRequest(first.method(), first.url(), headers, first.body()));
            } else {
                open(s);
            }
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

    // ---------------------------------------------------------------- htmx 4

    /**
     * htmx 4's processing of an element for SSE (sse4 › processElement): the legacy {@code sse-connect} and
     * {@code sse-close} are copied to {@code data-hx-sse:connect} / {@code data-hx-sse:close} (its prefix is
     * {@code data-hx-}); a connect element connects when its own trigger fires, load by default.
     */
    private void h4Process(Element e) {
        for (String name : List.of("sse-connect", "sse-close")) {
            if (e.hasAttr(name) && !e.hasAttr("data-hx-" + name.replace("sse-", "sse:"))) {
                e.attr("data-hx-" + name.replace("sse-", "sse:"), e.attr(name));
                page.warn(new Warning("legacy-attribute", HtmxPage.describe(e) + ": htmx 4 reads the legacy " + name
                    + " as data-hx-" + name.replace("sse-", "sse:")));
            }
        }
        if (e.hasAttr("sse-swap")) {
            page.warn(new Warning("legacy-attribute", HtmxPage.describe(e) + ": htmx 4 ignores sse-swap; unnamed"
                + " events are swapped into the hx-sse:connect element's target, named ones are DOM events"));
        }
        if (h4Url(e) != null && !h4Url(e).isEmpty() && !byConnect.containsKey(e)) {
            page.triggers().wireStreamConnect(e);
        }
    }

    private static String h4Url(Element e) {
        return e.hasAttr("hx-sse:connect") ? e.attr("hx-sse:connect")
            : e.hasAttr("data-hx-sse:connect") ? e.attr("data-hx-sse:connect") : null;
    }

    /** The connect element's trigger fired: its GET, made by htmx's request pipeline, unless it is connected. */
    void connectH4(Element e) {
        EventStream existing = byConnect.get(e);
        if (existing != null && !existing.ended || !HtmxPage.attached(e)) {
            return;
        }
        Requests.Built built = page.requestsModel().ajax(e, "GET", h4Url(e), page.dom().url());
        built.warnings().forEach(page::warn);
        if (built.request() == null) {
            return;
        }
        EventStream s = new EventStream(Kind.H4, e, h4Url(e), built.request().url());
        s.built = built;
        if (existing != null) {
            all.remove(existing);
        }
        all.add(s);
        byConnect.put(e, s);
        h4Open(s, built.request());
    }

    private void h4Open(EventStream s, HttpRequest request) {
        s.stream = nextStream++;
        s.state = State.CONNECTING;
        s.streaming = false;
        s.body.setLength(0);
        s.parser = new SseParser(s.lastEventId);
        byStream.put(s.stream, s);
        page.emit(new PageEvent.StreamOpening(s.stream, request.url(), HtmxPage.describe(s.connect)));
        page.transport().openStream(s.stream, request);
    }

    /**
     * The answer's head: an event stream is read as one (its status unchecked on the first request; a reconnect
     * that is not 2xx counts as a failed attempt); anything else is an ordinary htmx response when it ends.
     */
    private void h4Opened(EventStream s, int status, String contentType, Map<String, List<String>> headers) {
        s.status = status;
        s.responseHeaders = headers;
        boolean reconnect = s.retries > 0;
        if (reconnect && (status < 200 || status > 299)) {
            page.transport().closeStream(s.stream);
            h4Ended(s, s.stream, "HTTP " + status);
            return;
        }
        s.state = State.OPEN;
        s.streaming = reconnect || contentType != null && contentType.toLowerCase(Locale.ROOT)
            .contains("text/event-stream");
        if (s.streaming) {
            s.retries = 0;
            page.emit(new PageEvent.StreamOpened(s.stream));
        }
    }

    /** sse4's message loop: named events become DOM events on the connect element, unnamed ones are swapped. */
    private void h4Text(EventStream s, String text) {
        if (!s.streaming) {
            s.body.append(text);
            return;
        }
        int stream = s.stream;
        for (SseParser.Block b : s.parser.feedBlocks(text)) {
            if (!HtmxPage.attached(s.connect)) {
                end(s, "its element left the page");
                return;
            }
            if (b.id() != null) {
                s.lastEventId = b.id();
            }
            if (!b.hasData() && b.event().isEmpty()) {
                continue; // an id or a retry alone: its retry is lost, as in htmx 4
            }
            Long retry = parseInt(b.retry());
            if (retry != null) {
                s.reconnectMillis = retry;
            }
            if (!b.event().isEmpty()) {
                page.emit(new PageEvent.EventReceived(stream, b.event(), b.data(), s.lastEventId, List.of(),
                    List.of()));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("data", b.data());
                detail.put("id", s.lastEventId);
                page.dispatchEvent(s.connect, b.event(), detail);
                String close = s.connect.hasAttr("hx-sse:close") ? s.connect.attr("hx-sse:close")
                    : s.connect.attr("data-hx-sse:close");
                if (b.event().equals(close)) {
                    end(s, "hx-sse:close=\"" + close + "\"");
                    return;
                }
            } else {
                Element target = s.built.target() != null ? s.built.target() : s.connect;
                String swap = s.connect.hasAttr("hx-swap") ? s.connect.attr("hx-swap") : null;
                Swap.Result r = Swap.apply(Dialect.HTMX4, page.dom(), s.connect, target, b.data(), swap,
                    own(s.connect, "hx-select"), own(s.connect, "hx-select-oob"), false);
                page.emit(new PageEvent.EventReceived(stream, "message", b.data(), s.lastEventId, r.applied(),
                    r.warnings()));
                page.processInserted(r.inserted());
                page.closeRemoved();
            }
            if (s.stream != stream || s.state != State.OPEN || page.paused()) {
                return;
            }
        }
    }

    private static String own(Element e, String name) {
        return e.hasAttr(name) ? e.attr(name) : e.hasAttr("data-" + name) ? e.attr("data-" + name) : null;
    }

    /** JavaScript's parseInt of a retry field: leading digits (and a sign), else nothing. */
    private static Long parseInt(String v) {
        if (v == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(v);
        if (!m.find()) {
            return null;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The stream ended or failed: a non-stream answer is handled as an ordinary response; a stream reconnects after
     * htmx 4's backoff (500 ms, or retry:, doubling per attempt up to 60 s, ±30 %), repeating the first request's
     * headers with Last-Event-ID.
     */
    private void h4Ended(EventStream s, int stream, String error) {
        if (s.state == State.OPEN && !s.streaming) {
            s.state = State.CLOSED;
            s.ended = true;
            page.respondedAsStream(s.built, new HttpResponse(s.status, s.responseHeaders, s.body.toString()));
            return;
        }
        if (s.state == State.CONNECTING && s.retries == 0 && error != null) {
            end(s, error); // a first fetch that fails: htmx:error, and htmx 4 does not reconnect
            page.emit(new PageEvent.StreamClosed(stream, error, false, -1));
            return;
        }
        s.retries++;
        s.state = State.CONNECTING;
        s.stream = 0;
        double base = Math.min(s.reconnectMillis * Math.pow(2, s.retries - 1), 60_000);
        long delay = Math.round(Math.max(0, base + (2 * page.random() - 1) * 0.3 * base));
        page.emit(new PageEvent.StreamClosed(stream, error == null ? "the server ended the stream" : error, true,
            delay));
        s.pendingReconnect = page.clock().schedule(delay, () -> {
            if (s.ended || !HtmxPage.attached(s.connect)) {
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            s.built.request().headers().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Last-Event-ID")) {
                    headers.put(k, v);
                }
            });
            if (!s.lastEventId.isEmpty()) {
                headers.put("Last-Event-ID", s.lastEventId);
            }
            HttpRequest first = s.built.request();
            h4Open(s, new HttpRequest(first.method(), first.url(), headers, first.body()));
        });
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
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
                    Swap.Result r = swap(s, l.element(), data);
                    swaps.addAll(r.applied());
                    warnings.addAll(r.warnings());
                    settle(s, r.inserted(), s.kind == Kind.H1_CORE ? 0 : r.settleMillis());
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

    /**
     * The swap of an event's data into its listener's target (docs/spec/sse-and-requests.md §2.2–§2.4): hx-target and
     * hx-swap inherited; htmx 1 (core and extension) also applies hx-select and hx-select-oob, htmx 2's extension
     * neither. A target htmx cannot find makes the swap throw in the browser: nothing changes.
     */
    private Swap.Result swap(EventStream s, Element listener, String data) {
        Object target;
        try {
            target = LegacyInputs.target(listener);
        } catch (RuntimeException e) {
            target = null;
        }
        if (!(target instanceof Element t) || t instanceof org.jsoup.nodes.Document) {
            String given = Attributes.closestLegacy(listener, "hx-target");
            return new Swap.Result(List.of(), List.of(new Warning("target-not-found", HtmxPage.describe(listener)
                + ": hx-target \"" + given + "\" matches nothing; the event is not swapped")), List.of(), 0, null);
        }
        boolean h1 = s.kind == Kind.H1_CORE || s.kind == Kind.H1_EXT;
        String spec = Attributes.closestLegacy(listener, "hx-swap");
        String select = h1 ? Attributes.closestLegacy(listener, "hx-select") : null;
        String selectOob = h1 ? Attributes.closestLegacy(listener, "hx-select-oob") : null;
        return Swap.apply(h1 ? Dialect.HTMX1 : Dialect.HTMX2, page.dom(), t, data, spec, select, selectOob, true);
    }

    /** Processes what a swap inserted when the dialect settles it: at once, or after the extension's 20 ms. */
    private void settle(EventStream s, List<Element> inserted, long settleMillis) {
        if (inserted.isEmpty()) {
            return;
        }
        if (settleMillis <= 0) {
            page.processInserted(inserted);
        } else {
            page.clock().schedule(settleMillis, () -> page.processInserted(inserted));
        }
    }

    private static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
