package dev.htmxws.client;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.net.WsOptions;
import dev.htmxws.net.WsSocket;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.HtmxPage;
import dev.htmxws.protocol.PageEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
    private final IncomingBacklog backlog = new IncomingBacklog();
    private final Map<Integer, WsSocket> sockets = new HashMap<>();
    /** Frames written on each socket since the server last sent something on it. */
    private final Map<Integer, List<String>> unconfirmed = new HashMap<>();
    private final java.util.Set<Integer> closedSockets = new java.util.HashSet<>();
    private final int maxRetries;
    private int retriesSinceOpen;
    private boolean inTimers;
    private int opened;
    private boolean gaveUp;
    private long lastAdvance = System.nanoTime();
    private Runnable idle = () -> { };

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
        HtmxPage p = new HtmxPage(dialect, dom, this, e -> out.accept(new LiveEvent.Page(e)), Math::random);
        this.page = switch (messages) {
            case APPLY -> p;
            case PLAN -> p.planOnly();
            case TEXT -> p.framesOnly();
        };
    }

    public HtmxPage page() {
        return page;
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
            }
            tick();
            if (done.getAsBoolean()) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return false;
            }
            idle.run(); // about to wait: whatever was printed goes out now
            long untilTimer = page.clock().untilNext();
            long wait = TimeUnit.NANOSECONDS.toMillis(deadline - now);
            if (untilTimer >= 0) {
                wait = Math.min(wait, Math.max(1, untilTimer));
            }
            t = tasks.poll(Math.max(1, Math.min(wait, 1000)), TimeUnit.MILLISECONDS);
            if (t != null) {
                t.run();
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
        if (inTimers) { // reconnects only ever come from the page's timers
            retriesSinceOpen++;
            if (maxRetries >= 0 && retriesSinceOpen > maxRetries) {
                gaveUp = true;
                out.accept(new LiveEvent.GaveUp(maxRetries == 0 ? "not reconnecting (--no-reconnect)"
                    : "gave up after " + maxRetries + " reconnect attempt" + (maxRetries == 1 ? "" : "s") + " (--max-retries)"));
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
    public void send(int socket, String frame) {
        WsSocket s = sockets.get(socket);
        if (s == null || !s.send(frame)) {
            out.accept(new LiveEvent.Page(new PageEvent.Lost(frame, "the socket closed before the frame was written")));
            return;
        }
        unconfirmed.computeIfAbsent(socket, k -> new java.util.ArrayList<>()).add(frame);
    }

    @Override
    public void close(int socket, int code) {
        WsSocket s = sockets.get(socket);
        if (s != null) {
            s.close(code, "");
        }
    }

    /** Sends a frame as is (--raw, --json), through the first socket holder's queue rules. */
    public void sendRaw(String frame) {
        post(() -> page.sendRaw(frame));
    }

    /**
     * Closes every open socket with 1000 and waits (at most {@code timeoutMs}) for the closing handshakes, so
     * that frames written before are known to be read.
     */
    public void closeAndWait(long timeoutMs) throws InterruptedException {
        List<Integer> open = new java.util.ArrayList<>();
        for (Map.Entry<Integer, WsSocket> e : sockets.entrySet()) {
            if (e.getValue().isOpen()) {
                open.add(e.getKey());
                e.getValue().close(1000, "");
            }
        }
        runUntil(() -> closedSockets.containsAll(open), timeoutMs);
    }

    /** Closes every socket with {@code code} (1000 on a normal end or Ctrl-C). */
    @Override
    public void close() {
        backlog.close();
        for (WsSocket s : sockets.values()) {
            if (s.isOpen()) {
                s.close(1000, "");
            }
        }
    }

    /** Pings every open socket (a browser cannot; a person debugging a connection can). */
    public void pingAll() {
        sockets.values().stream().filter(WsSocket::isOpen).forEach(WsSocket::ping);
    }

    /** Closes every open socket with this code and reason; the page then decides whether to reconnect. */
    public void closeAll(int code, String reason) {
        sockets.values().stream().filter(WsSocket::isOpen).forEach(s -> s.close(code, reason));
    }

    /** Closes every socket now, from any thread, for Ctrl-C. */
    public void closeFromAnyThread(int code) {
        backlog.close();
        for (WsSocket s : List.copyOf(sockets.values())) {
            s.close(code, "");
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
            int held = backlog.admit(message.length());
            post(() -> {
                backlog.taken(held);
                unconfirmed.remove(socket); // the server answered after them: it has read them
                page.received(socket, message);
            });
        }

        @Override
        public void binary(ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            int held = backlog.admit(b.length);
            post(() -> {
                backlog.taken(held);
                out.accept(new LiveEvent.Binary(socket, b));
            });
        }

        @Override
        public void closed(int code, String reason, boolean remote) {
            post(() -> {
                closedSockets.add(socket);
                List<String> pending = unconfirmed.remove(socket);
                // after our own normal close the server has read everything before our close frame
                boolean clean = !remote && code == 1000;
                if (pending != null && !pending.isEmpty() && !clean) {
                    out.accept(new LiveEvent.Uncertain(socket, List.copyOf(pending), code));
                }
                page.closed(socket, code, reason);
            });
        }

        @Override
        public void failed(String message) {
            post(() -> {
                out.accept(new LiveEvent.Failed(socket, message));
                page.closed(socket, 1006); // a failed attempt counts as an abnormal close, as in a browser
            });
        }
    }
}
