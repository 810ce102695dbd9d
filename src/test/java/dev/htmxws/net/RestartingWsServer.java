package dev.htmxws.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A WebSocket server on one loopback port that restarts itself at random moments of its connections' lives:
 * each restart either drops every TCP connection (the client sees 1006) or closes them with 1012, stops
 * listening for a moment (connections are refused) and listens again on the same port. Every message read, by any incarnation, is recorded in order and acknowledged, as a chat server answers.
 */
public final class RestartingWsServer implements AutoCloseable {

    /** What a restart does to the open connections. */
    public enum Kind { DROP_TCP, CLOSE_1012 }

    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<Kind> restartsDone = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    /** Connections opened, as a queue the restarter waits on. */
    private final BlockingQueue<Long> opens = new LinkedBlockingQueue<>();
    private final List<Kind> kinds;
    private final Random random;
    private final Thread restarter;
    private volatile Instance current;
    private final int port;

    /**
     * @param restarts how many restarts, half of each kind, each at a random moment 100 to 600 ms after a
     *                 client connected (so that every restart cuts a live connection)
     */
    public RestartingWsServer(int restarts, long seed) throws InterruptedException {
        this.random = new Random(seed);
        List<Kind> k = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            k.add(i % 2 == 0 ? Kind.DROP_TCP : Kind.CLOSE_1012);
        }
        Collections.shuffle(k, random);
        this.kinds = k;
        this.current = Instance.start(this, 0);
        this.port = current.getPort();
        this.restarter = new Thread(this::restartLoop, "restarter");
        restarter.setDaemon(true);
        restarter.start();
    }

    public String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    private synchronized void onMessage(WebSocket conn, String text) {
        received.add(text);
        conn.send("<div id=\"ack\" hx-swap-oob=\"true\">" + text + "</div>");
    }

    private void restartLoop() {
        try {
            for (Kind kind : kinds) {
                opens.take();
                Thread.sleep(100 + random.nextInt(500)); // a random moment in the connection's life
                opens.clear();
                Instance old = current;
                synchronized (old.lock) { // a connection is either in the list cut here, or sees dying when added
                    old.dying = kind; // a client that gets in before the port closes is dropped
                    for (WebSocket c : old.getConnections()) {
                        cut(c, kind);
                    }
                }
                if (kind == Kind.CLOSE_1012) {
                    old.awaitClosed(); // stop() may end before a queued close frame is written
                }
                old.stop(10_000); // the port must be free again before the next incarnation binds it
                Thread.sleep(20 + random.nextInt(180)); // down: connection attempts are refused
                current = Instance.start(this, port);
                restartsDone.add(kind);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void cut(WebSocket c, Kind kind) {
        if (kind == Kind.DROP_TCP) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "drop"); // no close frame: the client sees 1006
        } else {
            c.close(CloseFrame.SERVICE_RESTART, "restart");
        }
    }

    public long restarts(Kind kind) {
        return restartsDone.stream().filter(k -> k == kind).count();
    }

    @Override
    public void close() throws InterruptedException {
        restarter.interrupt();
        restarter.join(5000);
        current.stop(2000);
    }

    /** One incarnation of the server. */
    private static final class Instance extends WebSocketServer {
        private final RestartingWsServer owner;
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile Exception bindError;
        /** Set when this incarnation is being restarted away. */
        private volatile Kind dying;
        private final Object lock = new Object();

        private Instance(RestartingWsServer owner, int port) {
            super(new InetSocketAddress("127.0.0.1", port));
            this.owner = owner;
            setReuseAddr(true);
            setDaemon(true);
        }

        static Instance start(RestartingWsServer owner, int port) throws InterruptedException {
            for (int attempt = 0;; attempt++) {
                Instance s = new Instance(owner, port);
                s.start();
                if (s.started.await(10, TimeUnit.SECONDS) && s.bindError == null) {
                    return s;
                }
                s.stop(1000);
                if (attempt == 100) {
                    throw new IllegalStateException(
                        "the test server could not listen on port " + port + " again: " + s.bindError);
                }
                Thread.sleep(50); // the old incarnation may still hold the port for a moment
            }
        }

        /**
         * A connection that opens while this incarnation dies is dropped, and kept out of the list that stop() closes
         * with 1001 (htmx does not reconnect after 1001): checked when the library adds it, under the restarter's
         * lock, since stop() may run between adding a connection and announcing it. Dropped rather than sent 1012: a
         * close frame queued now may never be written by a server that is stopping, and the socket would stay open
         * and unread. (Not this object's monitor: stop() holds it while it waits for this thread.)
         */
        @Override
        protected boolean addConnection(WebSocket conn) {
            synchronized (lock) {
                if (dying != null) {
                    cut(conn, Kind.DROP_TCP);
                    return false;
                }
                return super.addConnection(conn);
            }
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            owner.connections.incrementAndGet();
            owner.opens.add(System.nanoTime());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            synchronized (lock) { // the client's view of the close is what the test checks; this wakes awaitClosed
                lock.notifyAll();
            }
        }

        /** Waits up to 2 s for the clients to answer the close frames; a connection still open then is dropped. */
        void awaitClosed() throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            synchronized (lock) {
                long left;
                while (getConnections().stream().anyMatch(c -> !c.isClosed())
                    && (left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) > 0) {
                    lock.wait(left);
                }
            }
            for (WebSocket c : getConnections()) {
                if (!c.isClosed()) {
                    c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "close not answered");
                }
            }
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            owner.onMessage(conn, message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) { // the server itself failed: it could not bind the port
                bindError = ex;
                started.countDown();
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
