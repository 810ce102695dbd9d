package dev.htmxws.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A real WebSocket server for tests, on 127.0.0.1 and a free port: records connections, upgrade headers and
 * received frames, and answers each frame through a replaceable handler.
 */
public class TestWsServer extends WebSocketServer implements AutoCloseable {

    /** One received frame and the connection (1-based) it came on. */
    public record Frame(int conn, String text) {
    }

    public final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    public final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    public final List<Map<String, String>> upgradeHeaders = new CopyOnWriteArrayList<>();
    public final List<String> closes = new CopyOnWriteArrayList<>();
    public volatile BiConsumer<WebSocket, String> onFrame = (c, t) -> {};
    public volatile java.util.function.Consumer<WebSocket> onConnect = c -> {};
    private final CountDownLatch started = new CountDownLatch(1);
    /** While held, new upgrades wait (the client's socket stays CONNECTING), as the oracle's hold/release. */
    private volatile CountDownLatch held;
    /** While set, upgrades are refused (the client never opens). */
    public volatile boolean refuseUpgrades;
    public final java.util.concurrent.atomic.AtomicInteger refusedUpgrades = new java.util.concurrent.atomic.AtomicInteger();
    /** Upgrades that reached the server while held. */
    public final java.util.concurrent.atomic.AtomicInteger heldAttempts = new java.util.concurrent.atomic.AtomicInteger();

    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch h = held;
        held = null;
        if (h != null) {
            h.countDown();
        }
    }

    @Override
    public org.java_websocket.handshake.ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn,
        org.java_websocket.drafts.Draft draft, ClientHandshake request)
        throws org.java_websocket.exceptions.InvalidDataException {
        CountDownLatch h = held;
        if (h != null) {
            heldAttempts.incrementAndGet();
            try {
                h.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (refuseUpgrades) {
            refusedUpgrades.incrementAndGet();
            throw new org.java_websocket.exceptions.InvalidDataException(1013, "refused by the test");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    public TestWsServer() {
        this(List.of());
    }

    /** A server that accepts these subprotocols (and none when the client asks for none). */
    public TestWsServer(List<String> subprotocols) {
        super(new InetSocketAddress("127.0.0.1", 0), List.of(draft(subprotocols)));
        setDaemon(true);
        setReuseAddr(true);
    }

    private static org.java_websocket.drafts.Draft draft(List<String> subprotocols) {
        List<org.java_websocket.protocols.IProtocol> ps = new java.util.ArrayList<>();
        subprotocols.forEach(p -> ps.add(new org.java_websocket.protocols.Protocol(p)));
        ps.add(new org.java_websocket.protocols.Protocol(""));
        return new org.java_websocket.drafts.Draft_6455(List.of(), ps);
    }

    public static TestWsServer launch() throws InterruptedException {
        return launch(new TestWsServer());
    }

    public static TestWsServer launch(TestWsServer s) throws InterruptedException {
        s.start();
        if (!s.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test server did not start");
        }
        return s;
    }

    public String url(String path) {
        return "ws://127.0.0.1:" + getPort() + path;
    }

    /** The latest open connection. */
    public WebSocket latest() {
        return connections.isEmpty() ? null : connections.get(connections.size() - 1);
    }

    public Frame nextFrame(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    /** Waits until {@code n} connections were opened in total. */
    public boolean awaitConnections(int n, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (this) {
            while (connections.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        handshake.iterateHttpFields().forEachRemaining(h -> headers.put(h, handshake.getFieldValue(h)));
        headers.put(":path", handshake.getResourceDescriptor());
        upgradeHeaders.add(headers);
        conn.setAttachment(connections.size() + 1);
        synchronized (this) {
            connections.add(conn);
            notifyAll();
        }
        onConnect.accept(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        closes.add(conn.<Integer>getAttachment() + ":" + code + (remote ? ":client" : ":server"));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        frames.add(new Frame(conn.<Integer>getAttachment(), message));
        onFrame.accept(conn, message);
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        frames.add(new Frame(conn.<Integer>getAttachment(), "[binary " + message.remaining() + " bytes]"));
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // visible in the test's assertions through closes and frames
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(2000);
    }
}
