package dev.htmxws.client;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.net.CookieJar;
import dev.htmxws.net.HttpCall;
import dev.htmxws.net.NetErrors;
import dev.htmxws.net.Urls;
import dev.htmxws.net.Utf8Decoder;
import dev.htmxws.net.WsOptions;
import dev.htmxws.net.WsSocket;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.HtmxPage;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.protocol.requests.HttpRequest;
import dev.htmxws.protocol.requests.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A page running over real sockets. The page is single-threaded, so one loop owns it: socket threads and
 * other callers post tasks into the loop, and the page's clock follows the wall clock between tasks. The
 * driver (a command) calls {@link #runUntil} and decides when it has seen enough.
 */
public final class LiveSession implements HtmxPage.Transport, AutoCloseable {

    private final HtmxPage page;
    private final WsOptions options;
    private final Consumer<LiveEvent> out;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    /** Incoming messages waiting for the loop are bounded: a fast server cannot fill the heap. */
    private final IncomingBacklog incoming = new IncomingBacklog();
    /** Sockets not yet closed (each reconnect is a new one): a closed socket is dropped from here on the loop. */
    private final Map<Integer, WsSocket> sockets = new java.util.concurrent.ConcurrentHashMap<>();
    /** The page's queued frames, published by the loop for {@link #backlog()} on other threads. */
    private volatile int queuedFrames;
    /** Frames written on each socket that the server is not yet known to have read. */
    private final Map<Integer, WrittenFrames> unconfirmed = new HashMap<>();
    /** The code this side asked for, per socket it closed: what the page is told, whatever the wire said. */
    private final Map<Integer, Integer> closeRequested = new java.util.concurrent.ConcurrentHashMap<>();
    private final int maxRetries;
    private int retriesSinceOpen;
    private boolean inTimers;
    private int opened;
    private boolean gaveUp;
    private long lastAdvance = System.nanoTime();
    private Runnable idle = () -> {};
    private boolean shuttingDown;
    /** The page's event streams and htmx requests on the wire, each on a thread of its own. */
    private final Map<Integer, HttpCall> streams = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, HttpCall> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpCall.Cookies cookies = new CookieJar();
    /** Per host and port: requests go out in the order the page made them. */
    private final Map<String, HostGate> gates = new java.util.concurrent.ConcurrentHashMap<>();
    /** The largest answer to an htmx request read into memory (as for a WebSocket message). */
    private final int maxResponse;

    /**
     * @param maxRetries reconnect attempts in a row (since the last open) before giving up; -1 for no limit
     *                   (htmx's own behaviour), 0 for no reconnect at all
     */
    /** What becomes of each incoming message. */
    public enum Messages {
        /** Swapped into the page (a real page). */
        APPLY,
        /** Only the swaps htmx would make are worked out (no real page). */
        PLAN,
        /** Passed on as text, not even parsed (a raw stream). */
        TEXT
    }

    public LiveSession(Dialect dialect, VirtualDom dom, WsOptions options, int maxRetries, boolean applySwaps,
        Consumer<LiveEvent> out) {
        this(dialect, dom, options, maxRetries, applySwaps ? Messages.APPLY : Messages.PLAN, out);
    }

    public LiveSession(Dialect dialect, VirtualDom dom, WsOptions options, int maxRetries, Messages messages,
        Consumer<LiveEvent> out) {
        this.options = options;
        this.out = out;
        this.maxRetries = maxRetries;
        this.maxResponse = options.maxMessageSize();
        HtmxPage p = new HtmxPage(dialect, dom, this, this::pageEvent, Math::random);
        this.page = switch (messages) {
            case APPLY -> p;
            case PLAN -> p.planOnly();
            case TEXT -> p.framesOnly();
        };
    }

    public HtmxPage page() {
        return page;
    }

    /**
     * Passes a page event on; a close after which the page would reconnect while no reconnect attempt is left says
     * so at once (rather than "reconnecting in N ms", and a wait, before giving up).
     */
    private void pageEvent(PageEvent e) {
        if (e instanceof PageEvent.Closed c && c.reconnecting() && retriesSpent(retriesSinceOpen + 1)) {
            out.accept(new LiveEvent.Page(new PageEvent.Closed(c.socket(), c.code(), c.reason(), false, 0)));
            giveUp();
            return;
        }
        out.accept(new LiveEvent.Page(e));
    }

    private boolean retriesSpent(int attempts) {
        return maxRetries >= 0 && attempts > maxRetries;
    }

    private void giveUp() {
        if (!gaveUp) {
            out.accept(new LiveEvent.GaveUp(maxRetries == 0 ? "not reconnecting (--no-reconnect)"
                : "gave up after " + maxRetries + " reconnect attempt" + (maxRetries == 1 ? "" : "s")
                    + " (--max-retries)"));
        }
        gaveUp = true;
    }

    /** The page's cookies, sent with its requests and event streams (and updated by what their answers set). */
    public void cookies(HttpCall.Cookies jar) {
        this.cookies = jar;
    }

    /** Event streams and htmx requests still on the wire. */
    public int httpInFlight() {
        return streams.size() + calls.size();
    }

    /** Runs whenever the loop has nothing left to do and is about to wait (a printer flushes its output). */
    public void onIdle(Runnable task) {
        this.idle = task;
    }

    /** Loads the page (opens its sockets) on the loop. */
    public void start() {
        post(page::load);
    }

    /** Runs {@code task} on the loop (safe from any thread). */
    public void post(Runnable task) {
        tasks.add(task);
    }

    /**
     * Frames sent but still in this process: queued by the page while the socket is down, or handed to a
     * socket that has not written them (a server that reads slowly). Safe from any thread.
     */
    public int backlog() {
        int n = queuedFrames;
        for (WsSocket s : sockets.values()) {
            n += s.unwritten();
        }
        return n;
    }

    /**
     * Whether a first connection that fails is tried again: only with an explicit number of retries (a CI job
     * waiting for a server that is still starting); by default a refused first connection ends the run at once.
     */
    public boolean retriesFirstConnection() {
        return maxRetries > 0;
    }

    /**
     * What a session that never opened is still waiting for ("127.0.0.1:8000 took the connection but did not answer
     * the WebSocket upgrade within …"), or null when no socket is waiting.
     */
    public String waitingFor(String within) {
        for (WsSocket s : sockets.values()) {
            String w = s.waitingFor(within);
            if (w != null) {
                return w;
            }
        }
        return streams.isEmpty() ? null : "the event stream did not answer " + within;
    }

    /** Sockets opened and not yet closed; reconnects do not add up. */
    public int socketsHeld() {
        return sockets.size();
    }

    public int connectionsOpened() {
        return opened;
    }

    public boolean gaveUp() {
        return gaveUp;
    }

    /**
     * Runs the loop until {@code done} holds or {@code timeoutMs} passes (-1: no limit).
     *
     * @return whether {@code done} held
     */
    public boolean runUntil(BooleanSupplier done, long timeoutMs) throws InterruptedException {
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            Runnable t;
            while ((t = tasks.poll()) != null) {
                t.run();
                tick();
                if (done.getAsBoolean()) { // at once: a --count of N takes N messages, not the batch that arrived
                    queuedFrames = page.queuedCount();
                    return true;
                }
            }
            tick();
            queuedFrames = page.queuedCount();
            if (done.getAsBoolean()) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            pingBehindWrittenFrames();
            idle.run(); // about to wait: whatever was printed goes out now
            long untilTimer = page.clock().untilNext();
            long wait = TimeUnit.NANOSECONDS.toMillis(deadline - now);
            if (untilTimer >= 0) {
                wait = Math.min(wait, Math.max(1, untilTimer));
            }
            t = tasks.poll(Math.max(1, Math.min(wait, 1000)), TimeUnit.MILLISECONDS);
            if (t != null) {
                t.run();
                if (done.getAsBoolean()) {
                    queuedFrames = page.queuedCount();
                    return true;
                }
            }
        }
    }

    /** Moves the page's clock to the wall clock, running the timers that fell due. */
    private void tick() {
        long now = System.nanoTime();
        long ms = TimeUnit.NANOSECONDS.toMillis(now - lastAdvance);
        if (ms > 0) {
            lastAdvance += TimeUnit.MILLISECONDS.toNanos(ms);
            inTimers = true;
            try {
                page.advance(ms);
            } finally {
                inTimers = false;
            }
        }
    }

    // ---------------------------------------------------------------- transport (called on the loop)

    @Override
    public void open(int socket, String url, List<String> protocols) {
        if (shuttingDown) {
            return; // closing for good: a reconnect timer that falls due now opens nothing
        }
        if (inTimers) { // reconnects only ever come from the page's timers
            retriesSinceOpen++;
            if (retriesSpent(retriesSinceOpen)) {
                giveUp(); // said already when the socket closed, unless the page reconnects on its own timer
                return;
            }
        }
        try {
            WsSocket s = WsSocket.open(URI.create(url), options.withSubprotocols(protocols.isEmpty()
                ? options.subprotocols() : protocols), new Forwarder(socket, url));
            sockets.put(socket, s);
        } catch (IOException | IllegalArgumentException e) {
            out.accept(new LiveEvent.Failed(socket, e.getMessage()));
            gaveUp = true;
        }
    }

    @Override
    public boolean send(int socket, String frame) {
        WsSocket s = sockets.get(socket);
        if (s == null || !s.send(frame)) {
            return false; // closing under the page: it queues the frame, as htmx does
        }
        WrittenFrames w = unconfirmed.computeIfAbsent(socket, k -> new WrittenFrames());
        w.written(frame);
        if (w.wantsPing(WrittenFrames.BATCH)) {
            ping(s, w);
        }
        return true;
    }

    /** A ping on a socket whose pong runs a task: see {@link #afterServerCaughtUp}. */
    private record PingOf(int socket, long id) {
    }

    /**
     * Sends a binary frame on the first open socket (htmx never sends one; a user testing a server may): false when
     * none is open. It is confirmed by the server's pong as text frames are.
     */
    public boolean sendBinary(byte[] data) {
        for (int socket : openSockets()) {
            WsSocket s = sockets.get(socket);
            if (s.send(data)) {
                WrittenFrames w = unconfirmed.computeIfAbsent(socket, k -> new WrittenFrames());
                w.written("[binary " + data.length + " bytes]");
                if (w.wantsPing(WrittenFrames.BATCH)) {
                    ping(s, w);
                }
                return true;
            }
        }
        return false;
    }

    /** The sockets open now (to ping them, say). */
    public List<Integer> openSockets() {
        return sockets.entrySet().stream().filter(e -> e.getValue().isOpen()).map(Map.Entry::getKey).sorted().toList();
    }

    private final Map<PingOf, Runnable> catchUps = new HashMap<>();
    private static final java.util.Timer CATCH_UP_LIMITS = new java.util.Timer("htmxws-catch-up", true);

    /**
     * Runs {@code then} on the loop once the server has answered a ping sent now on {@code socket}, or after
     * {@code maxWaitMs} when no pong comes. A server answers a ping only after it has done what it does when a client
     * connects (a greeting is written before the pong), so what arrived by then came before anything the client
     * does next: {@code send --expect} does not take a greeting for a reply.
     */
    public void afterServerCaughtUp(int socket, long maxWaitMs, Runnable then) {
        afterServerCaughtUp(socket, maxWaitMs, answered -> then.run());
    }

    /** As {@link #afterServerCaughtUp(int, long, Runnable)}; {@code then} hears whether the pong came in time. */
    public void afterServerCaughtUp(int socket, long maxWaitMs, java.util.function.Consumer<Boolean> then) {
        AtomicBoolean ran = new AtomicBoolean();
        java.util.function.Consumer<Boolean> once = answered -> {
            if (ran.compareAndSet(false, true)) {
                then.accept(answered);
            }
        };
        WsSocket s = sockets.get(socket);
        long id = s == null ? -1 : s.confirmingPing();
        if (id < 0) {
            post(() -> once.accept(false));
            return;
        }
        catchUps.put(new PingOf(socket, id), () -> once.accept(true));
        CATCH_UP_LIMITS.schedule(new java.util.TimerTask() {
            @Override
            public void run() {
                post(() -> once.accept(false));
            }
        }, maxWaitMs);
    }

    /** Pings behind the frames written since the last ping, so that its pong confirms them. */
    private static void ping(WsSocket s, WrittenFrames w) {
        long id = s.confirmingPing();
        if (id >= 0) {
            w.pinged(id);
        }
    }

    /** Before the loop waits: every frame written gets a ping behind it. */
    private void pingBehindWrittenFrames() {
        unconfirmed.forEach((socket, w) -> {
            WsSocket s = sockets.get(socket);
            if (s != null && w.wantsPing(1)) {
                ping(s, w);
            }
        });
    }

    @Override
    public void close(int socket, int code) {
        WsSocket s = sockets.get(socket);
        if (s != null) {
            closeWith(socket, s, code, "");
        }
    }

    private void closeWith(int socket, WsSocket s, int code, String reason) {
        closeRequested.putIfAbsent(socket, code);
        s.close(code, reason);
    }

    @Override
    public void openStream(int stream, HttpRequest request) {
        if (shuttingDown) {
            return;
        }
        if (inTimers) { // a reconnect: it spends the same budget as a socket's
            retriesSinceOpen++;
            if (retriesSpent(retriesSinceOpen)) {
                giveUp();
                return;
            }
        }
        HttpCall call = new HttpCall(options, cookies);
        streams.put(stream, call);
        HostGate gate = gate(request);
        long ticket = gate.take();
        Thread t = new Thread(() -> readStream(stream, call, request, gate, ticket), "htmxws-stream-" + stream);
        t.setDaemon(true);
        t.start();
    }

    /** A stream's thread: the answer's head, then its text as it arrives, then its end, each posted to the loop. */
    private void readStream(int stream, HttpCall call, HttpRequest request, HostGate gate, long ticket) {
        String where = Urls.hostPort(URI.create(request.url()));
        try {
            gate.await(ticket);
            HttpCall.Head head = call.send(request.method(), URI.create(request.url()), request.headers(),
                body(request), 0, () -> gate.done(ticket));
            String type = head.header("content-type");
            post(() -> {
                if (head.status() == 200) {
                    retriesSinceOpen = 0;
                    opened++;
                }
                page.streamOpened(stream, head.status(), type);
            });
            Utf8Decoder utf8 = new Utf8Decoder();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = call.body().read(buffer)) >= 0) {
                String text = utf8.decode(buffer, 0, n);
                if (!text.isEmpty()) {
                    int held = incoming.admit(text.length());
                    post(() -> {
                        incoming.taken(held);
                        page.streamText(stream, text);
                    });
                }
            }
            post(() -> {
                streams.remove(stream);
                page.streamEnded(stream, null);
            });
        } catch (InterruptedException e) {
            gate.done(ticket);
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            gate.done(ticket);
            String why = e instanceof IOException io ? NetErrors.describe(io, where, options.proxy())
                : String.valueOf(e.getMessage());
            post(() -> {
                if (streams.remove(stream) != null) { // not closed by the page meanwhile
                    out.accept(new LiveEvent.StreamFailed(stream, why));
                    page.streamEnded(stream, why);
                }
            });
        }
    }

    @Override
    public void closeStream(int stream) {
        HttpCall call = streams.remove(stream);
        if (call != null) {
            call.close();
        }
    }

    @Override
    public void request(int id, HttpRequest request) {
        if (shuttingDown) {
            return;
        }
        HttpCall call = new HttpCall(options, cookies);
        calls.put(id, call);
        HostGate gate = gate(request);
        long ticket = gate.take();
        Map<String, String> headers = new java.util.LinkedHashMap<>(request.headers());
        if (request.header("Accept") == null) {
            headers.put("Accept", "*/*"); // what the browser's XMLHttpRequest sends when htmx 1/2 set none
        }
        Thread t = new Thread(() -> {
            URI url = URI.create(request.url());
            try (call) {
                gate.await(ticket);
                HttpCall.Head head = call.send(request.method(), url, headers, body(request),
                    (int) Math.max(0, options.connectTimeout().toMillis()), () -> gate.done(ticket));
                String text = call.bodyText(maxResponse);
                HttpResponse r = new HttpResponse(head.status(), head.headers(), text);
                post(() -> {
                    calls.remove(id);
                    page.responded(id, r);
                });
            } catch (InterruptedException e) {
                gate.done(ticket);
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                gate.done(ticket);
                String why = e instanceof IOException io
                    ? NetErrors.describe(io, Urls.hostPort(url), options.proxy())
                    : String.valueOf(e.getMessage());
                post(() -> {
                    calls.remove(id);
                    page.requestFailed(id, why);
                });
            }
        }, "htmxws-request-" + id);
        t.setDaemon(true);
        t.start();
    }

    /** Ends every event stream and htmx request on the wire (their threads end with them). */
    private void dropHttp() {
        for (Integer id : List.copyOf(streams.keySet())) {
            HttpCall c = streams.remove(id);
            if (c != null) {
                c.close();
            }
        }
        for (Integer id : List.copyOf(calls.keySet())) {
            HttpCall c = calls.remove(id);
            if (c != null) {
                c.close();
            }
        }
    }

    private HostGate gate(HttpRequest request) {
        URI u = URI.create(request.url());
        return gates.computeIfAbsent(Urls.hostPort(u), k -> new HostGate());
    }

    private static byte[] body(HttpRequest r) {
        return r.body() == null ? null : r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sends a frame as is (--raw, --json), through the first socket holder's queue rules. */
    public void sendRaw(String frame) {
        post(() -> page.sendRaw(frame));
    }

    /**
     * How long a closing handshake may take before the socket is dropped: long enough for a loaded server,
     * short enough that a server which never answers does not hold a CI job.
     */
    public static final long CLOSE_HANDSHAKE_MS = 5000;

    /** {@link #closeAndWait(long)} with {@link #CLOSE_HANDSHAKE_MS}. */
    public void closeAndWait() throws InterruptedException {
        closeAndWait(CLOSE_HANDSHAKE_MS);
    }

    /**
     * Closes every open socket with 1000 and waits (at most {@code timeoutMs}) for the closing handshakes, so
     * that frames written before are known to be read. A socket whose server does not answer in time is
     * dropped, and what was written on it since the server last spoke is reported as uncertain.
     */
    public void closeAndWait(long timeoutMs) throws InterruptedException {
        shuttingDown = true;
        List<Integer> closing = new java.util.ArrayList<>();
        for (Map.Entry<Integer, WsSocket> e : sockets.entrySet()) {
            WsSocket s = e.getValue();
            if (s.isClosed()) {
                continue;
            }
            if (s.isOpen()) {
                closing.add(e.getKey());
                closeWith(e.getKey(), s, 1000, "");
            } else if (s.isClosing()) {
                closing.add(e.getKey());
            } else {
                s.abort(); // still connecting: nothing was written on it
            }
        }
        if (runUntil(() -> closing.stream().noneMatch(sockets::containsKey), timeoutMs)) {
            return;
        }
        for (int socket : closing) {
            WsSocket s = sockets.get(socket);
            if (s != null) {
                s.abort(); // its closed() report names the unconfirmed frames
            }
        }
        runUntil(() -> closing.stream().noneMatch(sockets::containsKey), 1000);
        for (int socket : closing) {
            WrittenFrames pending = sockets.containsKey(socket) ? unconfirmed.remove(socket) : null;
            if (pending != null && !pending.unconfirmed().isEmpty()) {
                out.accept(new LiveEvent.Uncertain(socket, pending.unconfirmed(), 1006));
            }
        }
    }

    /** Closes every socket with {@code code} (1000 on a normal end or Ctrl-C). */
    @Override
    public void close() {
        incoming.close();
        dropHttp();
        sockets.forEach((socket, s) -> {
            if (s.isOpen()) {
                closeWith(socket, s, 1000, "");
            }
        });
    }

    /** Ends every event stream as a dropped connection would (the page then reconnects as its htmx does). */
    public void dropStreams() {
        for (Integer id : List.copyOf(streams.keySet())) {
            HttpCall c = streams.remove(id);
            if (c != null) {
                c.close();
                page.streamEnded(id, "htmxws closed the stream (/close)");
            }
        }
    }

    /** Pings every open socket (a browser cannot; a person debugging a connection can). */
    public void pingAll() {
        sockets.values().stream().filter(WsSocket::isOpen).forEach(WsSocket::ping);
    }

    /** Closes every open socket with this code and reason; the page then decides whether to reconnect. */
    public void closeAll(int code, String reason) {
        sockets.forEach((socket, s) -> {
            if (s.isOpen()) {
                closeWith(socket, s, code, reason);
            }
        });
    }

    /**
     * Closes every socket now, from any thread, for Ctrl-C, and gives the closing handshakes up to two seconds: the
     * process is about to exit, and a close frame still unwritten would reach the server as a dropped connection.
     */
    public void closeFromAnyThread(int code) {
        incoming.close();
        dropHttp();
        List<Map.Entry<Integer, WsSocket>> all = List.copyOf(sockets.entrySet());
        for (Map.Entry<Integer, WsSocket> e : all) {
            closeWith(e.getKey(), e.getValue(), code, "");
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            while (System.nanoTime() < end && all.stream().anyMatch(e -> !e.getValue().isClosed())) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Socket callbacks, re-posted onto the loop. */
    private final class Forwarder implements WsSocket.Listener {
        private final int socket;
        private final String url;

        Forwarder(int socket, String url) {
            this.socket = socket;
            this.url = url;
        }

        @Override
        public void opened(String subprotocol) {
            post(() -> {
                opened++;
                retriesSinceOpen = 0;
                out.accept(new LiveEvent.Opened(socket, url, subprotocol, opened));
                page.opened(socket);
            });
        }

        @Override
        public void text(String message) {
            int held = incoming.admit(message.length());
            post(() -> {
                incoming.taken(held);
                page.received(socket, message);
            });
        }

        @Override
        public void pong(long id) {
            post(() -> {
                Runnable caughtUp = catchUps.remove(new PingOf(socket, id));
                if (caughtUp != null) {
                    caughtUp.run();
                }
                WrittenFrames w = unconfirmed.get(socket);
                WsSocket s = sockets.get(socket);
                if (w != null) {
                    w.ponged(id);
                    if (s != null && w.wantsPing(1)) {
                        ping(s, w); // the next ping, behind everything written while this one was answered
                    }
                }
            });
        }

        @Override
        public void control(boolean ping, int bytes) {
            post(() -> out.accept(new LiveEvent.Control(socket, ping, bytes)));
        }

        @Override
        public void binary(ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            int held = incoming.admit(b.length);
            post(() -> {
                incoming.taken(held);
                out.accept(new LiveEvent.Binary(socket, b));
            });
        }

        @Override
        public void closed(int code, String reason, boolean remote) {
            post(() -> {
                sockets.remove(socket);
                WrittenFrames pending = unconfirmed.remove(socket);
                Integer asked = closeRequested.remove(socket);
                // the server answered our own close: it has read everything before our close frame
                boolean clean = !remote && asked != null && asked == code;
                if (pending != null && !clean && !pending.unconfirmed().isEmpty()) {
                    out.accept(new LiveEvent.Uncertain(socket, pending.unconfirmed(), code));
                }
                // a close this side asked for ends as asked (no reconnect after our own 1000), whatever the wire said
                page.closed(socket, asked != null ? asked : code, reason);
            });
        }

        @Override
        public void failed(String message) {
            post(() -> {
                sockets.remove(socket);
                out.accept(new LiveEvent.Failed(socket, message));
                page.closed(socket, 1006); // a failed attempt counts as an abnormal close, as in a browser
            });
        }
    }
}
