package dev.htmxws.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The WebSocket side (Java-WebSocket), on an internal loopback port behind the {@link FrontDoor}: one path,
 * same-origin upgrades only (unless allowed), at most so many clients, a size limit on incoming messages and a
 * ping heartbeat.
 */
final class WsHub extends WebSocketServer implements Room.Hub {

    /** 1013 Try Again Later: htmx reconnects after it, with backoff. */
    static final int FULL = CloseFrame.TRY_AGAIN_LATER;

    private final Server.Config cfg;
    private final Room room;
    private final Consumer<String> log;
    private final IntFunction<String> remoteOfPort;
    private final Map<WebSocket, Client> clients = new LinkedHashMap<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;
    /** Set when the server stops: the pages it closes with 1012 reconnect at once, and must not get in again. */
    private volatile boolean stopping;
    private int nextId = 1;

    WsHub(Server.Config cfg, Room room, Consumer<String> log, IntFunction<String> remoteOfPort) {
        super(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
            List.of(new LimitedDraft(cfg.maxMessageSize())));
        this.cfg = cfg;
        this.room = room;
        this.log = log;
        this.remoteOfPort = remoteOfPort;
        setDaemon(true);
        setReuseAddr(true);
        setTcpNoDelay(true);
        Duration ping = cfg.pingInterval();
        setConnectionLostTimeout(ping.isZero() ? 0 : (int) Math.max(1, (ping.toMillis() + 999) / 1000));
    }

    void startAndWait() throws java.io.IOException, InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new java.io.IOException("the WebSocket server did not start within 10 s");
        }
        if (startFailure != null) {
            throw new java.io.IOException("the WebSocket server did not start: " + startFailure.getMessage(),
                startFailure);
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
        ClientHandshake request)
        throws InvalidDataException {
        String resource = request.getResourceDescriptor();
        String path = resource.contains("?") ? resource.substring(0, resource.indexOf('?')) : resource;
        if (!path.equals(cfg.wsPath())) {
            log.accept("refused a WebSocket upgrade for " + abbreviate(path) + ": the socket is at " + cfg.wsPath());
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "no WebSocket at " + path);
        }
        if (stopping) {
            throw new InvalidDataException(CloseFrame.TRY_AGAIN_LATER, "server stopping"); // the page retries
        }
        if (originRefusal(request.getFieldValue("Origin"), request.getFieldValue("Host")) != null) {
            // (the front door answers 403 first; this holds for a connection made to this server directly)
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "cross-origin upgrade refused");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    /**
     * The reason phrase of the 403 that refuses an upgrade from a page of another origin (logged once), or null
     * when it may go on: no Origin (not a browser), the same origin, or --any-origin.
     */
    String refusal(String origin, String host) {
        if (stopping) { // a page retries a 503 as it retries the 1012 it was closed with
            return "503 Service Unavailable: server restarting";
        }
        return originRefusal(origin, host);
    }

    String originRefusal(String origin, String host) {
        if (cfg.anyOrigin() || origin == null || origin.isEmpty() || sameOrigin(origin, host)) {
            return null;
        }
        log.accept("refused a WebSocket upgrade from origin " + abbreviate(origin) + ": not this server's page"
            + " (--any-origin allows it)");
        return "403 Forbidden: cross-origin upgrade from " + abbreviate(origin).replaceAll("[\\r\\n]", "")
            + " (serve --any-origin allows it)";
    }

    /** An Origin matches when its host and port are the ones the client asked for in Host (ports defaulted). */
    static boolean sameOrigin(String origin, String host) {
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null || host == null || host.isEmpty()) {
                return false;
            }
            int oPort = o.getPort() >= 0 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            URI h = URI.create("http://" + host);
            int hPort = h.getPort() >= 0 ? h.getPort() : 80;
            return h.getHost() != null && o.getHost().equalsIgnoreCase(h.getHost()) && oPort == hPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Closes every client with 1012 (Service Restart), after which htmx pages reconnect, and lets no one in. */
    void closeForRestart() {
        stopping = true;
        for (WebSocket c : getConnections()) {
            c.close(CloseFrame.SERVICE_RESTART, "server stopping");
        }
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        if (stopping) { // upgraded just before the server began to stop
            conn.close(CloseFrame.SERVICE_RESTART, "server stopping");
            return;
        }
        Client c;
        int online;
        synchronized (this) {
            String remote = remoteOfPort.apply(conn.getRemoteSocketAddress().getPort());
            if (clients.size() >= cfg.maxClients()) {
                String why = "server full: " + cfg.maxClients() + " clients connected (--max-clients)";
                log.accept("refused a client from " + remote + ": " + why);
                String fragment = room.fullFragment(cfg.maxClients());
                if (fragment != null) {
                    conn.send(fragment);
                }
                conn.close(FULL, why);
                return;
            }
            c = new Client(nextId++, remote, conn);
            clients.put(conn, c);
            online = clients.size();
        }
        conn.setAttachment(c);
        log.accept(c + " connected from " + c.remote() + " (" + online + " online)");
        room.joined(c, this);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Client c;
        int online;
        synchronized (this) {
            c = clients.remove(conn);
            online = clients.size();
        }
        if (c == null) {
            return; // refused, or never opened
        }
        log.accept(c + " left: " + code + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")")
            + (remote ? "" : " by the server") + " (" + online + " online)");
        room.left(c, code, reason, this);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Client c = conn.getAttachment();
        if (c != null) {
            room.message(c, message, this);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        Client c = conn.getAttachment();
        log.accept((c == null ? "a client" : c.toString()) + " sent a binary frame of " + message.remaining()
            + " bytes; ignored (htmx sends text)");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex; // the server socket itself
            started.countDown();
        } else {
            Client c = conn.getAttachment();
            log.accept("error on " + (c == null ? "a connection" : c.toString()) + ": " + ex.getMessage());
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public synchronized List<Client> clients() {
        return new ArrayList<>(clients.values());
    }

    @Override
    public int sendToAll(String frame) {
        List<WebSocket> all;
        synchronized (this) {
            all = new ArrayList<>(clients.keySet());
        }
        broadcast(frame, all); // encoded once for all, not once per client; a client just gone is skipped
        return all.size();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 79) + "…" : s;
    }

    /** Draft 6455 whose size limit closes with 1009 and a reason that says which limit. */
    static final class LimitedDraft extends Draft_6455 {
        private final int limit;

        LimitedDraft(int limit) {
            super(List.of(), List.of(new org.java_websocket.protocols.Protocol("")), limit);
            this.limit = limit;
        }

        @Override
        public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
            try {
                return super.translateFrame(buffer);
            } catch (LimitExceededException e) {
                throw tooBig();
            }
        }

        @Override
        public void processFrame(org.java_websocket.WebSocketImpl ws, Framedata frame) throws InvalidDataException {
            try {
                super.processFrame(ws, frame);
            } catch (LimitExceededException e) {
                throw tooBig();
            }
        }

        private LimitExceededException tooBig() {
            return new LimitExceededException("message too big: the limit is " + limit + " bytes (--max-message-size)",
                limit);
        }

        @Override
        public Draft copyInstance() {
            return new LimitedDraft(limit);
        }
    }
}
