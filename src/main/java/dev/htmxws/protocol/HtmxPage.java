package dev.htmxws.protocol;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.incoming.ApplyResult;
import dev.htmxws.protocol.incoming.IncomingMessages;
import dev.htmxws.protocol.incoming.SwapPlan;
import dev.htmxws.protocol.outgoing.Outgoing;
import dev.htmxws.protocol.outgoing.OutgoingMessageBuilder;
import dev.htmxws.protocol.requests.HttpRequest;
import dev.htmxws.protocol.requests.HttpResponse;
import dev.htmxws.protocol.requests.Requests;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.jsoup.nodes.Element;

/**
 * A page as htmx runs it, without a browser and without sockets of its own ("sans-IO"): it tells a
 * {@link Transport} to open, send and close, is told what arrived, and turns user actions into the frames
 * htmx would send and incoming messages into swaps on its virtual DOM. Time is a {@link VirtualClock} the
 * driver advances, so reconnect delays and trigger delays are deterministic under test.
 */
public final class HtmxPage {

    /** The driver's sockets. Socket ids are chosen by the page. */
    public interface Transport {
        void open(int socket, String url, List<String> protocols);

        /**
         * Writes a frame on an open socket.
         *
         * @return false when the socket turned out not to be open any more (its close is on the way): the page
         *     then queues the frame, as htmx does when it finds the socket's readyState is not OPEN
         */
        boolean send(int socket, String frame);

        /** @param code the close code, or -1 for a close without one (a browser's {@code socket.close()}) */
        void close(int socket, int code);

        /**
         * Sends a request whose answer the page reads as it arrives (an event stream): the status and content type
         * come back through {@link HtmxPage#streamOpened}, the decoded text through {@link HtmxPage#streamText},
         * the end through {@link HtmxPage#streamEnded}. Stream ids are chosen by the page.
         */
        void openStream(int stream, HttpRequest request);

        /** Aborts a stream (EventSource.close(), htmx 4's cleanup); nothing more is reported for it. */
        void closeStream(int stream);

        /** Sends an htmx request; the answer comes back through {@link HtmxPage#responded} or {@link HtmxPage#requestFailed}. */
        void request(int id, HttpRequest request);
    }

    /** What htmx's requests and event streams look at when they process new content. */
    private static final org.jsoup.select.Evaluator STREAMS_AND_REQUESTS = org.jsoup.select.QueryParser.parse(
        "[hx-get], [hx-post], [hx-put], [hx-delete], [hx-patch], [hx-action], [hx-query], [data-hx-get],"
            + " [data-hx-post], [data-hx-put], [data-hx-delete], [data-hx-patch], [data-hx-action], [data-hx-query],"
            + " [hx-sse], [data-hx-sse], [sse-connect], [data-sse-connect], [sse-swap], [data-sse-swap], [sse-close],"
            + " [data-sse-close], [hx-sse:connect], [data-hx-sse:connect], [hx-trigger], [data-hx-trigger], form,"
            + " [type=submit], [hx-ext], [data-hx-ext], [hx-ws], [data-hx-ws], [hx-boost], [data-hx-boost]");

    private final Dialect dialect;
    private final VirtualDom dom;
    private final Transport transport;
    private final java.util.function.Consumer<PageEvent> events;
    private final DoubleSupplier random;
    private final VirtualClock clock = new VirtualClock();
    private final OutgoingMessageBuilder outgoing;
    private final IncomingMessages incoming;
    private final Triggers triggers;
    private final UserActions user;
    private final EventStreams streams;
    private final PageRequests requests;

    /** The socket holder sends use, per connect element (the last one opened for it). */
    private final Map<Element, Connection> holders = new IdentityHashMap<>();
    private final Map<Integer, Connection> bySocket = new HashMap<>();
    private final List<Connection> all = new ArrayList<>();
    private int nextSocket = 1;
    private boolean applySwaps = true;
    private boolean planSwaps = true;
    private boolean envelopeWarned;
    private java.util.function.BooleanSupplier pauseWhen = () -> false;

    public HtmxPage(Dialect dialect, VirtualDom dom, Transport transport, java.util.function.Consumer<PageEvent> events,
        DoubleSupplier random) {
        this.dialect = dialect;
        this.dom = dom;
        this.transport = transport;
        this.events = events;
        this.random = random;
        this.outgoing = new OutgoingMessageBuilder(dialect);
        this.incoming = new IncomingMessages(dialect);
        this.triggers = new Triggers(this);
        this.user = new UserActions(this, triggers);
        this.streams = new EventStreams(this);
        this.requests = new PageRequests(this);
    }

    /**
     * Without a real page (a URL given alone), messages are only planned, not applied: the swaps htmx would
     * make are reported, and nothing warns about targets a stand-in page cannot have.
     */
    public HtmxPage planOnly() {
        this.applySwaps = false;
        return this;
    }

    /** Messages are only passed on as text (nothing is parsed): for a raw stream of frames. */
    public HtmxPage framesOnly() {
        this.applySwaps = false;
        this.planSwaps = false;
        return this;
    }

    public Dialect dialect() {
        return dialect;
    }

    public VirtualDom dom() {
        return dom;
    }

    public VirtualClock clock() {
        return clock;
    }

    /** What a user does on this page (one user: focus and the last clicked button are remembered). */
    public UserActions user() {
        return user;
    }

    /** Processes the page as htmx does on load: opens its sockets and wires its send elements. */
    public void load() {
        process(dom.document().body());
    }

    /** Runs due timers (reconnects, delayed triggers, polling) within the next {@code ms} milliseconds. */
    public void advance(long ms) {
        clock.advance(ms);
    }

    // ---------------------------------------------------------------- processing

    private void process(Element root) {
        if (dialect == Dialect.HTMX4) {
            triggers.wireConnectTriggers(root);
        }
        for (PageModel.Socket s : PageModel.socketsFor(dialect, root)) {
            connect(s.connect(), s.url());
        }
        triggers.wire(root);
        // element by element, parents first, as htmx's initNode: its request triggers, then its event streams; only the
        // elements either can concern, found in one pass (a page 100,000 levels deep is not walked up per element)
        List<Element> relevant = new ArrayList<>(root.select(STREAMS_AND_REQUESTS));
        if (relevant.isEmpty() || relevant.get(0) != root) {
            relevant.add(0, root); // the root of new content: htmx 1's sse extension scans it whatever it is
        }
        for (Element e : relevant) {
            if (!attached(e)) {
                continue; // a load request's swap removed it
            }
            if (Requests.isRequestElement(dialect, e)) {
                triggers.wireRequest(e);
            }
            streams.processElement(e, e == root);
        }
    }

    /** Processes content a swap inserted (htmx settles it now or after its settle delay). */
    void processInserted(List<Element> roots) {
        for (Element root : roots) {
            if (attached(root)) {
                process(root);
            }
        }
    }

    /** Opens a socket for a connect element (also used when an htmx 4 connect trigger fires). */
    void connect(Element connectElt, String url) {
        Connection c;
        try {
            c = new Connection(dialect, connectElt, url);
        } catch (dev.htmxws.protocol.js.JsonText.SyntaxError e) {
            warn(new Warning("js-error",
                "hx-config on " + describe(connectElt) + " starts with '{' but is not valid JSON ("
                    + e.getMessage() + "): htmx throws, so no socket is opened"));
            return;
        }
        holders.put(connectElt, c);
        all.add(c);
        openSocket(c);
    }

    private void openSocket(Connection c) {
        SocketUrl.Resolved r = SocketUrl.resolve(dialect, c.url, dom.url());
        if (r.warning() != null) {
            warn(r.warning());
        }
        if (r.connectTo() == null) {
            warn(new Warning("url-refused",
                "the browser refuses the WebSocket URL \"" + r.given() + "\"; no socket is opened"));
            c.state = Connection.State.CLOSED;
            return;
        }
        c.state = Connection.State.CONNECTING;
        c.socket = 0;
        c.host = hostOf(r.connectTo());
        c.connectTo = r.connectTo();
        if (all.stream().anyMatch(o -> o != c && o.socket != 0 && o.state == Connection.State.CONNECTING
            && o.host.equals(c.host))) {
            return; // the browser opens one socket at a time per host (RFC 6455 §4.1): this one waits its turn
        }
        startOpening(c);
    }

    private void startOpening(Connection c) {
        c.socket = nextSocket++;
        bySocket.put(c.socket, c);
        events.accept(new PageEvent.Connecting(c.socket, c.connectTo, describe(c.connect)));
        transport.open(c.socket, c.connectTo, c.config.protocols() == null ? List.of() : c.config.protocols());
    }

    /** A socket to {@code host} stopped connecting (it opened or failed): the next one waiting for that host opens. */
    private void nextForHost(String host) {
        for (Connection o : all) {
            if (o.state == Connection.State.CONNECTING && o.socket == 0 && o.host.equals(host)) {
                startOpening(o);
                return;
            }
        }
    }

    /** host:port of a ws(s) URL, the unit of the browser's one-connecting-socket rule. */
    private static String hostOf(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            int port = u.getPort() >= 0 ? u.getPort() : "wss".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
            return String.valueOf(u.getHost()).toLowerCase(java.util.Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    // ---------------------------------------------------------------- socket events

    public void opened(int socket) {
        Connection c = bySocket.get(socket);
        if (c == null || c.socket != socket) {
            return;
        }
        c.state = Connection.State.OPEN;
        c.retries = 0;
        nextForHost(c.host);
        List<String> frames = c.queue.drain();
        for (int i = 0; i < frames.size(); i++) {
            if (!transport.send(socket, frames.get(i))) {
                frames.subList(i, frames.size()).forEach(f -> enqueue(c, f)); // closed again at once: keep them, in order
                return;
            }
            events.accept(new PageEvent.Sent(socket, frames.get(i)));
        }
    }

    public void received(int socket, String text) {
        Connection c = bySocket.get(socket);
        if (c == null) {
            return;
        }
        if (!attached(c.connect)) {
            transport.close(socket, -1); // the connect element left the page: htmx closes its socket
            return;
        }
        if (!planSwaps) {
            events.accept(new PageEvent.Received(socket, text, List.of(), List.of()));
            return;
        }
        SwapPlan plan = incoming.plan(text);
        if (!applySwaps) {
            events.accept(new PageEvent.Received(socket, text, plan.swaps(), oncePerPage(plan.warnings())));
            return;
        }
        ApplyResult result = incoming.apply(plan, dom, c.connect);
        events.accept(new PageEvent.Received(socket, text, result.applied(), oncePerPage(result.warnings())));
        processInserted(result.inserted());
        closeRemoved();
    }

    // ---------------------------------------------------------------- event streams and requests

    /** The answer to stream {@code stream} began: its status and headers. */
    public void streamOpened(int stream, int status, Map<String, List<String>> headers) {
        streams.opened(stream, status, headers);
    }

    /** The answer to stream {@code stream} began: its status and content type (null for none). */
    public void streamOpened(int stream, int status, String contentType) {
        streams.opened(stream, status, contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)));
    }

    /** Text of stream {@code stream}, decoded, in any chunking. */
    public void streamText(int stream, String text) {
        streams.text(stream, text);
    }

    /** Stream {@code stream} ended: the server closed it ({@code error} null) or the network failed. */
    public void streamEnded(int stream, String error) {
        streams.ended(stream, error);
    }

    /** The answer to request {@code id}. */
    public void responded(int id, HttpResponse response) {
        requests.responded(id, response);
    }

    /** Request {@code id} failed on the network. */
    public void requestFailed(int id, String error) {
        requests.failed(id, error);
    }

    /** Issues {@code e}'s htmx request, as its trigger does. */
    void issueRequest(Element e, Element submitter) {
        requests.issue(e, submitter);
    }

    /** Dispatches a DOM event from {@code target} up (htmx.trigger: bubbling), to the triggers that listen. */
    void dispatchEvent(Element target, String type, Map<String, Object> detail) {
        triggers.dispatch(target, type, detail, null);
    }

    EventStreams streams() {
        return streams;
    }

    Triggers triggers() {
        return triggers;
    }

    /** The page's htmx requests model (htmx 4's hx-sse:connect builds its stream's GET with it). */
    Requests requestsModel() {
        return requests.model();
    }

    /** htmx 4: a stream's answer that was not an event stream, handled as the ordinary response it is. */
    void respondedAsStream(Requests.Built built, HttpResponse response) {
        requests.handleDirect(built, response);
    }

    Transport transport() {
        return transport;
    }

    /**
     * Stops taking in events while {@code condition} holds: the rest of a chunk of an event stream is left unread (a
     * driver that wants N events, and a server that sent more in one chunk).
     */
    public void pauseWhen(java.util.function.BooleanSupplier condition) {
        this.pauseWhen = condition;
    }

    boolean paused() {
        return pauseWhen.getAsBoolean();
    }

    double random() {
        return random.getAsDouble();
    }

    void emit(PageEvent e) {
        events.accept(e);
    }

    /** Closes what the connect elements a swap removed had open: their sockets and event streams. */
    void closeRemoved() {
        closeRemovedConnections();
        streams.closeRemoved();
    }

    public void closed(int socket, int code) {
        closed(socket, code, "");
    }

    /** A socket closed, with the reason the close frame gave. */
    public void closed(int socket, int code, String reason) {
        Connection c = bySocket.get(socket);
        if (c == null || c.socket != socket || c.state == Connection.State.CLOSED) {
            return;
        }
        boolean wasConnecting = c.state == Connection.State.CONNECTING;
        c.state = Connection.State.CLOSED;
        if (wasConnecting) {
            nextForHost(c.host);
        }
        boolean again = attached(c.connect) && c.policy.reconnects(code) && c.alive;
        if (again && dialect == Dialect.HTMX4 && !c.policy.mayRetry(c.retries + 1)) {
            again = false;
        }
        long delay = -1;
        if (again) {
            delay = c.policy.delayMillis(c.retries, random.getAsDouble());
            c.retries++;
            c.reconnecting = true;
            c.pendingReconnect = clock.schedule(delay, () -> {
                c.reconnecting = false;
                if (attached(c.connect)) {
                    openSocket(c);
                }
            });
        } else if (dialect == Dialect.HTMX4) {
            c.alive = false; // cleanupConnection: the queue goes, later sends are refused
            List<String> dropped = c.queue.drain();
            for (String f : dropped) {
                events.accept(new PageEvent.Lost(f, SendQueue.describe(SendQueue.Fate.LOST_NOT_OPEN)));
            }
        }
        events.accept(new PageEvent.Closed(socket, code, reason, again, delay));
    }

    /**
     * Opens a fresh socket for every connection that is still on the page (htmx 2's socketWrapper.reconnect):
     * an open socket is closed first; the queue is kept.
     */
    public void reconnect() {
        streams.reconnectNow();
        for (Connection c : List.copyOf(all)) {
            if (!attached(c.connect) || !c.alive) {
                continue;
            }
            if (c.pendingReconnect != null) {
                c.pendingReconnect.cancel();
                c.reconnecting = false;
            }
            if (c.state != Connection.State.CLOSED && c.socket != 0) {
                c.state = Connection.State.CLOSED;
                transport.close(c.socket, 1000);
            }
            c.retries = 0;
            openSocket(c);
        }
    }

    /** htmx closes the socket of a connect element that a swap removed (no reconnect follows). */
    private void closeRemovedConnections() {
        for (Connection c : all) {
            if (c.state != Connection.State.CLOSED && !attached(c.connect)) {
                boolean connecting = c.state == Connection.State.CONNECTING;
                c.state = Connection.State.CLOSED;
                c.alive = false;
                if (c.socket == 0) {
                    continue; // it was waiting for its turn to connect: no socket to close
                }
                transport.close(c.socket, -1);
                events.accept(new PageEvent.Closed(c.socket, -1, "", false, -1));
                if (connecting) {
                    nextForHost(c.host);
                }
            }
        }
    }

    // ---------------------------------------------------------------- sending

    /** The holder a send element uses, found at wiring time for htmx 1/2 (closest connect element). */
    Connection holderFor(Element send) {
        Element connectElt = PageModel.connectFor(dialect, send);
        return connectElt == null ? null : holders.get(connectElt);
    }

    /** A trigger fired on a send element: build the frame as htmx would and deliver or queue it. */
    void fire(Element send, Connection wired, DomEvent ev, Element submitter) {
        Connection c = dialect == Dialect.HTMX4 ? holderFor(send) : wired;
        if (c == null) {
            Element owner = PageModel.connectFor(dialect, send);
            warn(new Warning(owner == null ? "no-connection" : "connection-not-open", describe(send) + ": "
                + (owner == null ? "no WebSocket connection found for this element; nothing sent"
                    : "its connection is not open (not triggered yet, or given up); nothing sent")));
            return;
        }
        if (dialect != Dialect.HTMX4 && !attached(c.connect)) {
            return; // the connect element left the page: htmx closes its socket and sends nothing
        }
        Outgoing out = outgoing.build(send, c.connect, submitter, dom.url(), ev.type);
        out.warnings().forEach(this::warn);
        if (!out.sent()) {
            return;
        }
        boolean open = c.state == Connection.State.OPEN;
        deliver(c, out.frame());
        if (dialect == Dialect.HTMX1 && open) {
            ev.defaultPrevented = true; // htmx 1 core: preventDefault() follows a send that did not throw
        }
    }

    /**
     * Sends a frame as given (no form, no headers) through the page's first connection, with the same
     * open/queue rules as a frame htmx built.
     */
    public void sendRaw(String frame) {
        if (all.isEmpty()) {
            events.accept(new PageEvent.Lost(frame, "the page has no WebSocket connection"));
            return;
        }
        deliver(all.get(0), frame);
    }

    private void deliver(Connection c, String frame) {
        if (c.state == Connection.State.OPEN && transport.send(c.socket, frame)) {
            events.accept(new PageEvent.Sent(c.socket, frame));
            return;
        }
        enqueue(c, frame);
    }

    private void enqueue(Connection c, String frame) {
        SendQueue.Fate fate = c.queue.offer(frame, c.alive);
        if (fate == SendQueue.Fate.QUEUED) {
            events.accept(new PageEvent.Queued(frame, c.queue.size()));
        } else {
            events.accept(new PageEvent.Lost(frame, SendQueue.describe(fate)));
        }
    }

    /**
     * Whether anything of the page may still bring news: a socket open, connecting or about to reconnect, or an
     * event stream that is not closed for good.
     */
    public boolean anythingLive() {
        for (Connection c : all) {
            if (c.state != Connection.State.CLOSED || c.reconnecting) {
                return true;
            }
        }
        return streams.anyLive();
    }

    /** Frames waiting for a socket, over every connection, oldest first. */
    /** How many frames wait in the send queues (cheaper than {@link #queued()}). */
    public int queuedCount() {
        int n = 0;
        for (Connection c : all) {
            n += c.queue.size();
        }
        return n;
    }

    public List<String> queued() {
        List<String> out = new ArrayList<>();
        for (Connection c : all) {
            out.addAll(c.queue.snapshot());
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** Warnings about the server rather than a message (JSON envelopes to an htmx 1/2 page) are given once. */
    private List<Warning> oncePerPage(List<Warning> warnings) {
        if (warnings.stream().noneMatch(w -> w.code().equals(IncomingMessages.HTMX4_ENVELOPE))) {
            return warnings;
        }
        if (!envelopeWarned) {
            envelopeWarned = true;
            return warnings;
        }
        return warnings.stream().filter(w -> !w.code().equals(IncomingMessages.HTMX4_ENVELOPE)).toList();
    }

    void warn(Warning w) {
        events.accept(new PageEvent.Warned(w));
    }

    static boolean attached(Element e) {
        Element root = e;
        while (root.parent() != null) {
            root = root.parent();
        }
        return root instanceof org.jsoup.nodes.Document;
    }

    static String describe(Element e) {
        String id = e.id();
        return "<" + e.normalName() + (id.isEmpty() ? "" : " id=\"" + id + "\"") + ">";
    }
}
