package dev.htmxws.cli;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;

/** A plain Java-WebSocket client for serve's tests: what it received, how it was closed, the pings it got. */
final class WsTestClient extends WebSocketClient {

    final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch pinged = new CountDownLatch(1);
    volatile int closeCode;
    volatile String closeReason;

    WsTestClient(String url, Map<String, String> headers) {
        super(URI.create(url), headers);
        setConnectionLostTimeout(0);
    }

    static WsTestClient open(String url) throws InterruptedException {
        return open(url, Map.of());
    }

    static WsTestClient open(String url, Map<String, String> headers) throws InterruptedException {
        WsTestClient c = new WsTestClient(url, headers);
        if (!c.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + url);
        }
        return c;
    }

    /** The next message, waiting at most 10 s; fails the test on a timeout. */
    String next() throws InterruptedException {
        String m = messages.poll(10, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 10 s");
        }
        return m;
    }

    /** Skips messages until one contains the text (at most 10 s in all). */
    String nextContaining(String text) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String m = messages.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no message containing '" + text + "' within 10 s");
            }
            if (m.contains(text)) {
                return m;
            }
        }
    }

    boolean awaitClose() throws InterruptedException {
        return closed.await(10, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(org.java_websocket.handshake.ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        messages.add("[binary]");
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        pinged.countDown();
        super.onWebsocketPing(conn, f);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {
    }
}
