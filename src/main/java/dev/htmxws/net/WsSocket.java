package dev.htmxws.net;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * One WebSocket, opened as a browser would open it (headers, origin, subprotocols, TLS checks), on a daemon
 * thread. Everything that happens is reported once to a {@link Listener}: opened, messages, and exactly one
 * of closed or failed, with a sentence a person can act on ("server refused the upgrade: HTTP 403 Forbidden").
 */
public final class WsSocket {

    /** What happens on the socket, called on the socket's own thread, in order. */
    public interface Listener {
        void opened(String subprotocol);

        void text(String message);

        void binary(ByteBuffer message);

        /**
         * The socket closed.
         *
         * @param code   the close code (1006 when the connection dropped without a close frame)
         * @param remote whether the server closed it
         */
        void closed(int code, String reason, boolean remote);

        /** The socket could not be opened, or broke; {@code message} is one line. */
        void failed(String message);

        /** The server answered the ping {@link #confirmingPing()} sent with this id. */
        default void pong(long id) {
        }

        /** A ping ({@code ping}) or a pong arrived from the server, with this many bytes of payload. */
        default void control(boolean ping, int bytes) {
        }
    }

    private static final Pattern STATUS = Pattern.compile("Status line: HTTP/\\S+ (\\d{3})(.*)");
    private static final Timer TIMEOUTS = new Timer("htmxws-ws-timeouts", true);

    private final Client client;
    /** A frame from the server that broke the protocol: the connection is failed, the page sees 1006. */
    private volatile InvalidDataException protocolError;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Listener listener;
    private final URI uri;
    private volatile String failure;
    /** The code of the close frame the server sent, or -1: the library reports ours when the two cross. */
    private volatile int serverCloseCode = -1;
    /** The code of the close frame we sent, or -1 while we have sent none. */
    private volatile int closeSent = -1;
    /** The --proxy the connection goes through (errors then name it), or null. */
    private final java.net.Proxy proxy;

    private WsSocket(URI uri, WsOptions o, Listener listener) {
        this.uri = uri;
        this.listener = listener;
        List<IProtocol> protocols = new ArrayList<>();
        for (String p : o.subprotocols()) {
            protocols.add(new Protocol(p));
        }
        if (protocols.isEmpty()) {
            protocols.add(new Protocol(""));
        }
        Draft_6455 draft = new CloseRecordingDraft(protocols, o.maxMessageSize(), code -> serverCloseCode = code,
            () -> closeSent >= 0, e -> protocolError = e);
        this.client = new Client(uri, draft, (int) o.connectTimeout().toMillis(), o.tls().verifyHostname());
        client.setDaemon(true);
        client.setTcpNoDelay(true);
        client.setConnectionLostTimeout((int) o.pingInterval().toSeconds());
        for (String[] h : o.headers()) {
            client.addHeader(h[0], h[1]);
        }
        if (o.origin() != null) {
            client.addHeader("Origin", o.origin());
        }
        if (o.cookie() != null && !o.cookie().isEmpty()) {
            client.addHeader("Cookie", o.cookie());
        }
        if (o.proxy() != null) {
            client.setProxy(o.proxy());
        }
        this.proxy = o.proxy() != null && o.proxy().type() != java.net.Proxy.Type.DIRECT ? o.proxy() : null;
    }

    /**
     * Starts opening a socket; the listener hears the outcome.
     *
     * @throws IOException when the TLS settings themselves are unusable (a bad --cacert file)
     */
    public static WsSocket open(URI uri, WsOptions o, Listener listener) throws IOException {
        WsSocket s = new WsSocket(uri, o, listener);
        if ("wss".equalsIgnoreCase(uri.getScheme())) {
            s.tls = new WatchedTlsFactory(o.tls().context().getSocketFactory());
            s.client.setSocketFactory(s.tls);
        }
        long timeout = o.connectTimeout().toMillis();
        if (timeout > 0) {
            TIMEOUTS.schedule(new TimerTask() {
                @Override
                public void run() {
                    // only an upgrade still unanswered: a socket that opened and is now closing is not timed out
                    String waiting = s.waitingFor("within " + timeout + " ms (--connect-timeout)");
                    if (waiting != null && !s.client.handshakeDone) {
                        s.failure = waiting;
                        s.client.closeConnection(1006, s.failure);
                    }
                }
            }, timeout);
        }
        s.client.connect();
        return s;
    }

    public URI uri() {
        return uri;
    }

    /** The TLS socket factory of a wss:// socket, which knows whether the TLS handshake is done; null for ws://. */
    private WatchedTlsFactory tls;

    /**
     * What a socket that has not opened yet waited for, in words ("127.0.0.1:8000 took the connection but did not
     * answer the WebSocket upgrade within 5000 ms (--timeout); is ws://… a WebSocket endpoint?"); null once it opened
     * or ended.
     *
     * @param within how long it waited, and which option said so
     */
    public String waitingFor(String within) {
        if (client.isOpen() || finished.get() || failure != null) {
            return null;
        }
        String where = Urls.hostPort(uri);
        java.net.Socket socket = client.getSocket();
        if (socket == null || !socket.isConnected()) {
            return "no TCP connection to " + where + (proxy != null ? " through --proxy " : " ") + within;
        }
        if (tls != null && !tls.handshakeDone()) {
            return where + " took the connection but did not answer the TLS handshake " + within
                + "; is it a plain ws:// port?";
        }
        return where + " took the connection but did not answer the WebSocket upgrade " + within + "; is " + uri
            + " a WebSocket endpoint?";
    }

    /** Closed for good (or never opened): nothing more will happen on it. */
    public boolean isClosed() {
        return client.isClosed() || finished.get()
            || client.getReadyState() == org.java_websocket.enums.ReadyState.NOT_YET_CONNECTED && failure != null;
    }

    /** Our close frame is out (or the library is closing) and the connection has not ended yet. */
    public boolean isClosing() {
        return !isClosed() && (closeSent >= 0 || client.isClosing());
    }

    /** Open and not closing: frames sent now are written. */
    public boolean isOpen() {
        return client.isOpen() && closeSent < 0;
    }

    /**
     * Frames handed to the socket that it has not yet written to the network (safe from any thread); 0 once it
     * closed: what it never wrote is then reported through the frames awaiting confirmation, not waited for.
     */
    public int unwritten() {
        return client.isClosed() || finished.get() ? 0
            : ((org.java_websocket.WebSocketImpl) client.getConnection()).outQueue.size();
    }

    /** Sends a text frame; false when the socket is not open (the frame was not written). */
    public boolean send(String text) {
        if (closeSent >= 0) {
            return false; // nothing may follow our close frame
        }
        try {
            client.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    /** Sends a binary frame; false when the socket is not open (the frame was not written). */
    public boolean send(byte[] data) {
        if (closeSent >= 0) {
            return false;
        }
        try {
            client.send(data);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    public void ping() {
        if (isOpen()) {
            client.sendPing();
        }
    }

    private final java.util.concurrent.atomic.AtomicLong pings = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Sends a ping carrying a fresh id; the listener hears {@link Listener#pong} with it once the server has read
     * every frame written before the ping (frames are read in order, and RFC 6455 servers answer each ping).
     *
     * @return the ping's id, or -1 when the socket is not open
     */
    public long confirmingPing() {
        if (!isOpen()) {
            return -1;
        }
        long id = pings.incrementAndGet();
        org.java_websocket.framing.PingFrame ping = new org.java_websocket.framing.PingFrame();
        ping.setPayload(ByteBuffer.allocate(Long.BYTES).putLong(0, id));
        try {
            client.sendFrame(ping);
            return id;
        } catch (WebsocketNotConnectedException e) {
            return -1;
        }
    }

    /**
     * Starts the closing handshake with a code (1000 normal), or closes without one when code is -1.
     *
     * <p>The close frame is written by hand, behind the frames already queued, while the library still counts
     * the socket as open: Java-WebSocket's own close stops reading at once, takes any byte the server pushes
     * meanwhile as the end of the handshake, and then drops what it had not yet written. Here the socket
     * keeps reading until the server's close frame arrives, which proves the server read everything before
     * ours; only then is the connection closed (see {@link CloseRecordingDraft}).
     */
    public synchronized void close(int code, String reason) {
        if (code < 0) {
            client.close();
            return;
        }
        if (closeSent >= 0) {
            return;
        }
        String why = reason == null ? "" : reason;
        if (client.isOpen() && serverCloseCode < 0) {
            CloseFrame frame = new CloseFrame();
            try {
                frame.setCode(code);
                frame.setReason(why);
                frame.isValid();
            } catch (InvalidDataException e) {
                client.close(code, why); // a code no close frame may carry (1005, 1006, 1015): the library's way
                return;
            }
            closeSent = code;
            try {
                client.sendFrame(frame);
                return;
            } catch (WebsocketNotConnectedException e) {
                closeSent = -1; // it closed meanwhile
            }
        }
        client.close(code, why);
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        client.closeConnection(1006, "aborted");
    }

    private final AtomicBoolean reported = new AtomicBoolean();

    private void failOnce(String message) {
        if (reported.compareAndSet(false, true)) {
            listener.failed(message);
        }
    }

    /** Turns a library error into a sentence a person can act on. */
    static String describe(URI uri, Exception e, java.net.Proxy proxy) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException io) {
                return NetErrors.describe(io, Urls.hostPort(uri), proxy);
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The library's client, with its callbacks turned into the listener's. */
    private final class Client extends WebSocketClient {
        private final boolean verifyHostname;

        Client(URI uri, Draft_6455 draft, int connectTimeoutMs, boolean verifyHostname) {
            super(uri, draft, null, connectTimeoutMs);
            this.verifyHostname = verifyHostname;
        }

        @Override
        protected void onSetSSLParameters(SSLParameters p) {
            if (verifyHostname) {
                super.onSetSSLParameters(p); // HTTPS host name verification, as a browser does
            }
        }

        /**
         * The library's read thread: an {@link OutOfMemoryError} there (a message near --max-message-size with a
         * small heap) would end the thread with a stack trace and leave the socket dead but open. It closes the
         * socket with 1006 and a reason that says what to do instead.
         */
        @Override
        public void run() {
            try {
                super.run();
            } catch (OutOfMemoryError e) {
                closeConnection(1006, "out of memory reading a message (this JVM may use "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): lower --max-message-size, or give it more"
                    + " with HTMXWS_JAVA_OPTS=-Xmx1g");
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            String chosen = handshake.getFieldValue("Sec-WebSocket-Protocol");
            listener.opened(chosen == null ? "" : chosen);
        }

        @Override
        public void onMessage(String message) {
            listener.text(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            listener.binary(bytes);
        }

        @Override
        public void onWebsocketPing(org.java_websocket.WebSocket conn, org.java_websocket.framing.Framedata f) {
            super.onWebsocketPing(conn, f); // answered with a pong, as every client must
            listener.control(true, f.getPayloadData().remaining());
        }

        @Override
        public void onWebsocketPong(org.java_websocket.WebSocket conn, org.java_websocket.framing.Framedata f) {
            listener.control(false, f.getPayloadData().remaining());
            ByteBuffer data = f.getPayloadData();
            if (data.remaining() == Long.BYTES) { // ours; the library's keep-alive pings carry nothing
                listener.pong(data.getLong(data.position()));
            }
        }

        @Override
        public void onError(Exception ex) {
            if (ex instanceof RuntimeException && handshakeDone) {
                libraryError = ex; // the library closes with 1006 and the exception's message as the reason
            }
            if (failure == null) {
                failure = describe(uri, ex, proxy);
            }
            if (finished.get() && !handshakeDone) {
                failOnce(failure); // the close came first: the error says why
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            Matcher m = STATUS.matcher(reason == null ? "" : reason);
            if (!handshakeDone && m.find()) {
                failOnce("server refused the upgrade: HTTP " + m.group(1) + m.group(2).stripTrailing()
                    + " (" + uri + ")");
            } else if (!handshakeDone && failure != null) {
                failOnce(failure);
            } else if (!handshakeDone) {
                // an error explaining the close may still come (TLS alerts race with the close): wait a moment
                String generic = "could not open " + uri + ": " + (reason == null || reason.isEmpty()
                    ? "the connection closed during the upgrade" : reason);
                TIMEOUTS.schedule(new TimerTask() {
                    @Override
                    public void run() {
                        failOnce(failure != null ? failure : generic);
                    }
                }, 200);
            } else if (code == 1006 && libraryError != null) {
                listener.closed(code, "a frame from the server broke the WebSocket library ("
                    + libraryError.getClass().getSimpleName() + "); the connection is dropped", remote);
            } else if (protocolError != null && closeSent < 0) {
                listener.closed(1006, "the server broke the WebSocket protocol: " + protocolError.getMessage()
                    + " (htmxws failed the connection with " + protocolError.getCloseCode()
                    + "; a browser's page sees 1006, as here)", false);
            } else if (closeSent >= 0 && serverCloseCode < 0) {
                // our close was never answered: the server may not have read what came before it
                listener.closed(1006, "the connection ended before the server answered our close", true);
            } else if (serverCloseCode >= 0
                && (closeSent >= 0 ? serverCloseCode != closeSent : !remote && serverCloseCode != code)) {
                // our close crossed one the server had sent on its own: report it as the server's
                listener.closed(serverCloseCode, reason == null ? "" : reason, true);
            } else if (closeSent >= 0) {
                listener.closed(closeSent, reason == null ? "" : reason, false); // the server answered our close
            } else {
                listener.closed(code, reason == null ? "" : reason, remote);
            }
        }

        private volatile boolean handshakeDone;
        /** An exception the library threw on a frame after the upgrade (its own bug, e.g. a close reason not UTF-8). */
        private volatile Exception libraryError;

        @Override
        public void onWebsocketHandshakeReceivedAsClient(org.java_websocket.WebSocket conn,
            org.java_websocket.handshake.ClientHandshake request,
            ServerHandshake response)
            throws org.java_websocket.exceptions.InvalidDataException {
            super.onWebsocketHandshakeReceivedAsClient(conn, request, response);
            handshakeDone = true;
        }
    }

    /**
     * RFC 6455 as Java-WebSocket implements it, noting the code of each close frame the server sends, ending the
     * connection when that frame answers the one we sent, failing it on a masked frame, and noting a frame that
     * broke the protocol (the page then sees 1006, as a browser's does).
     */
    private static final class CloseRecordingDraft extends Draft_6455 {
        private final List<IProtocol> protocols;
        private final int maxMessageSize;
        private final java.util.function.IntConsumer onServerClose;
        private final java.util.function.BooleanSupplier weSentClose;
        private final java.util.function.Consumer<InvalidDataException> onProtocolError;
        private final UnmaskedFramesCheck unmasked = new UnmaskedFramesCheck();

        CloseRecordingDraft(List<IProtocol> protocols, int maxMessageSize, java.util.function.IntConsumer onServerClose,
            java.util.function.BooleanSupplier weSentClose,
            java.util.function.Consumer<InvalidDataException> onProtocolError) {
            super(List.of(), protocols, maxMessageSize);
            this.protocols = protocols;
            this.maxMessageSize = maxMessageSize;
            this.onServerClose = onServerClose;
            this.weSentClose = weSentClose;
            this.onProtocolError = onProtocolError;
        }

        @Override
        public void processFrame(org.java_websocket.WebSocketImpl ws, org.java_websocket.framing.Framedata frame)
            throws InvalidDataException {
            if (frame instanceof CloseFrame cf) {
                onServerClose.accept(cf.getCloseCode());
                if (weSentClose.getAsBoolean()) {
                    // the handshake is complete: the server read every frame before our close frame
                    ws.closeConnection(cf.getCloseCode(), cf.getMessage(), false);
                    return;
                }
            }
            try {
                super.processFrame(ws, frame);
            } catch (InvalidDataException e) {
                failed(e, frame.getOpcode() == org.java_websocket.enums.Opcode.CLOSING
                    && frame.getPayloadData().remaining() >= 2);
                throw e;
            }
        }

        @Override
        public List<org.java_websocket.framing.Framedata> translateFrame(ByteBuffer buffer)
            throws InvalidDataException {
            int start = buffer.position();
            try {
                unmasked.scan(buffer);
                return super.translateFrame(buffer);
            } catch (InvalidDataException e) {
                int at = start;
                try {
                    // the library marks the start of each frame it reads; a mark before this call's bytes is the
                    // upgrade response's (or none: the check above threw first)
                    at = Math.max(start, buffer.reset().position());
                } catch (java.nio.InvalidMarkException noMark) {
                    // no frame read yet
                }
                boolean closeWithCode = at + 1 < buffer.limit() && (buffer.get(at) & 0x0F) == 0x8
                    && (buffer.get(at + 1) & 0x7F) >= 2;
                failed(e, closeWithCode);
                throw e;
            }
        }

        /**
         * A frame broke the protocol, and the library fails the connection (sending 1002, 1007…). A browser's page
         * then sees 1006, and htmx reconnects after it (checked in Chromium: masked, reserved opcode or RSV bits,
         * invalid UTF-8, a 200-byte ping, an orphan continuation). Not for a close frame with a code
         * the library refuses (Chromium passes 999 on; htmxws shows 1002: neither reconnects), nor for the size
         * limit, which is htmxws's own (a browser has none).
         */
        private void failed(InvalidDataException e, boolean closeWithCode) {
            if (!closeWithCode && !(e instanceof org.java_websocket.exceptions.LimitExceededException)) {
                onProtocolError.accept(e);
            }
        }

        @Override
        public org.java_websocket.drafts.Draft copyInstance() {
            return new CloseRecordingDraft(protocols, maxMessageSize, onServerClose, weSentClose, onProtocolError);
        }
    }
}
