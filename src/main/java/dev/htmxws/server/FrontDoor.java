package dev.htmxws.server;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one public port. It reads each connection's request head and hands the connection, bytes untouched, to
 * the WebSocket server when it asks for an upgrade and to the HTTP server otherwise (with {@code Connection:
 * close}, so that a later request on the same connection is routed afresh). Both servers listen on internal
 * loopback ports; the front door remembers which public address each internal connection stands for.
 *
 * <p>A selector thread per core (up to four) carries the connections dealt to it, both ways (a thread per
 * connection and direction cost 2,000 threads, a few hundred MB and a context switch per frame with 1,000 chat
 * clients). A direction whose
 * receiver does not take its bytes stops reading from its sender, so TCP pushes back on the sender instead of
 * bytes piling up here.
 */
final class FrontDoor implements Closeable {

    static final int MAX_HEAD = 32 * 1024;
    private static final long HEAD_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long CONNECT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long {@link #close} lets open connections finish by themselves. */
    private static final int GRACE_MS = 1000;
    private static final int BUFFER = 16 * 1024;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Selector threads at most (one per core up to this). */
    private static final int LOOPS = 4;

    private final ServerSocketChannel server;
    private final InetSocketAddress httpAddress;
    private final InetSocketAddress wsAddress;
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> remoteByInternalPort = new ConcurrentHashMap<>();
    /** The first loop also accepts; connections are dealt out to all of them in turn. */
    private final Loop[] loops;
    private int nextLoop;
    private volatile boolean closed;
    /** Set after the grace period: the loops close what is left and end. */
    private volatile boolean stopping;

    /** For a WebSocket upgrade's head: the status that refuses it ("403 Forbidden: …"), or null to let it through. */
    private final java.util.function.Function<String, String> refusal;

    FrontDoor(InetSocketAddress bind, int httpPort, int wsPort, java.util.function.Function<String, String> refusal)
        throws IOException {
        this.refusal = refusal;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.httpAddress = new InetSocketAddress(loopback, httpPort);
        this.wsAddress = new InetSocketAddress(loopback, wsPort);
        this.loops = new Loop[Math.max(1, Math.min(LOOPS, Runtime.getRuntime().availableProcessors()))];
        ServerSocketChannel s = ServerSocketChannel.open();
        try {
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(bind, 128);
            s.configureBlocking(false);
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new Loop(i + 1);
            }
            s.register(loops[0].selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            s.close();
            for (Loop l : loops) {
                if (l != null) {
                    l.selector.close();
                }
            }
            throw e;
        }
        this.server = s;
        for (Loop l : loops) {
            l.thread.start();
        }
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** The public address (host:port) behind an internal connection's local port, as the servers see it remotely. */
    String remoteOf(int internalPort) {
        return remoteByInternalPort.getOrDefault(internalPort, "127.0.0.1:" + internalPort);
    }

    // ---------------------------------------------------------------- the loops

    /** A selector and its thread, carrying the connections dealt to it. */
    private final class Loop implements Runnable {
        final Selector selector;
        final Thread thread;
        /** Connections accepted by the first loop for this one, to register on this loop's thread. */
        private final Queue<SocketChannel> dealt = new ConcurrentLinkedQueue<>();

        Loop(int n) throws IOException {
            this.selector = Selector.open();
            this.thread = new Thread(this, "htmxws-serve-door-" + n);
            thread.setDaemon(true);
        }

        void deal(SocketChannel ch) {
            dealt.add(ch);
            selector.wakeup();
        }

        @Override
        public void run() {
            long lastSweep = System.nanoTime();
            try {
                while (!stopping) {
                    selector.select(250); // wakes up now and then for the time-outs
                    SocketChannel ch;
                    while ((ch = dealt.poll()) != null) {
                        register(ch);
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey k = keys.next();
                        keys.remove();
                        if (!k.isValid()) {
                            continue;
                        }
                        if (k.channel() == server) {
                            accept();
                        } else {
                            Connection c = (Connection) k.attachment();
                            try {
                                c.ready(k);
                            } catch (IOException | RuntimeException e) {
                                c.close(); // one broken connection never stops the others
                            }
                        }
                    }
                    long now = System.nanoTime();
                    if (now - lastSweep > SWEEP_NANOS) {
                        lastSweep = now;
                        for (Connection c : live) {
                            if (c.loop == this && c.deadline != 0 && now - c.deadline > 0) {
                                c.close(); // no request head, or no internal server, in time
                            }
                        }
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                // the selector itself failed: nothing more can be carried
            } finally {
                for (Connection c : live) {
                    if (c.loop == this) {
                        c.close();
                    }
                }
                SocketChannel ch;
                while ((ch = dealt.poll()) != null) {
                    closeQuietly(ch);
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        private void accept() {
            while (!closed) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (IOException e) {
                    return; // a failed accept (the client went away): keep serving
                }
                if (ch == null) {
                    return;
                }
                Loop to = loops[nextLoop++ % loops.length];
                if (to == this) {
                    register(ch);
                } else {
                    to.deal(ch);
                }
            }
        }

        private void register(SocketChannel ch) {
            Connection c = new Connection(ch, this);
            live.add(c);
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.clientKey = ch.register(selector, SelectionKey.OP_READ, c);
            } catch (IOException e) {
                c.close();
            }
        }
    }

    /** One public connection: its request head first, then its internal connection and the two directions. */
    private final class Connection {
        final SocketChannel client;
        final Loop loop;
        SocketChannel inner;
        SelectionKey clientKey;
        SelectionKey innerKey;
        /** The request head as it arrives; null once routed. */
        ByteBuffer head = ByteBuffer.allocate(4096);
        /** When the head or the internal connection must have come (System.nanoTime), 0 once carrying bytes. */
        long deadline = System.nanoTime() + HEAD_TIMEOUT_NANOS;
        Direction up;
        Direction down;
        int innerPort = -1;

        Connection(SocketChannel client, Loop loop) {
            this.client = client;
            this.loop = loop;
        }

        void ready(SelectionKey k) throws IOException {
            if (head != null) {
                readHead();
            } else if (innerPort < 0) {
                if (k == innerKey && k.isConnectable()) {
                    connected();
                }
            } else {
                carry();
            }
        }

        private void readHead() throws IOException {
            int n = client.read(head);
            if (n < 0) {
                close(); // closed before a full request head
                return;
            }
            byte[] all = new byte[head.position()];
            head.duplicate().flip().get(all);
            if (!hasHeadEnd(all)) {
                if (all.length > MAX_HEAD) {
                    close(); // a head over 32 KiB
                } else if (!head.hasRemaining()) {
                    head = ByteBuffer.allocate(head.capacity() * 2).put(head.flip());
                }
                return;
            }
            head = null;
            boolean upgrade = isWebSocketUpgrade(all);
            String refused = upgrade ? refusal.apply(new String(all, StandardCharsets.ISO_8859_1)) : null;
            if (refused != null) { // answered here: Java-WebSocket's server can only refuse with 404
                refuse(refused);
                return;
            }
            byte[] forward = upgrade ? all : withConnectionClose(all);
            clientKey.interestOps(0); // nothing more from the client until its bytes have somewhere to go
            inner = SocketChannel.open();
            inner.configureBlocking(false);
            inner.setOption(StandardSocketOptions.TCP_NODELAY, true);
            up = new Direction(client, inner, ByteBuffer.wrap(forward));
            down = new Direction(inner, client, ByteBuffer.allocate(0));
            deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
            if (inner.connect(upgrade ? wsAddress : httpAddress)) {
                innerKey = inner.register(loop.selector, 0, this);
                connected();
            } else {
                innerKey = inner.register(loop.selector, SelectionKey.OP_CONNECT, this);
            }
        }

        /** Answers with this status ("403 Forbidden: …"), then closes (a short answer: one write takes it). */
        private void refuse(String status) {
            String body = status + "\n";
            byte[] answer = ("HTTP/1.1 " + status
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
            try {
                ByteBuffer b = ByteBuffer.wrap(answer);
                for (int tries = 0; b.hasRemaining() && tries < 100; tries++) {
                    client.write(b);
                }
                client.shutdownOutput();
            } catch (IOException e) {
                // the client went away: nothing to tell it
            }
            close();
        }

        private void connected() throws IOException {
            if (!inner.finishConnect()) {
                return;
            }
            deadline = 0;
            innerPort = ((InetSocketAddress) inner.getLocalAddress()).getPort();
            remoteByInternalPort.put(innerPort, hostPort((InetSocketAddress) client.getRemoteAddress()));
            carry();
        }

        /** Moves what can be moved both ways, then asks the selector for what each side waits for. */
        private void carry() {
            up.carry();
            down.carry();
            if (up.finished() && down.finished()) {
                close();
                return;
            }
            interest(clientKey, up.wantsToRead(), down.wantsToWrite());
            interest(innerKey, down.wantsToRead(), up.wantsToWrite());
        }

        private void interest(SelectionKey k, boolean read, boolean write) {
            if (k.isValid()) {
                k.interestOps((read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0));
            }
        }

        void close() {
            if (!live.remove(this)) {
                return;
            }
            if (innerPort >= 0) {
                remoteByInternalPort.remove(innerPort);
            }
            closeQuietly(client);
            if (inner != null) {
                closeQuietly(inner);
            }
            synchronized (live) {
                live.notifyAll();
            }
        }
    }

    /**
     * One direction of a connection. Copies until EOF or an error, then half-closes the receiver. Even after an
     * error (a client that resets its connection) the other direction is only half-closed and left to drain, and a
     * receiver that broke has its sender still read (and the bytes dropped) to the end: closing a socket with
     * unread data sends a reset, and a reset makes the receiving side discard what it has not read yet, such as
     * the client's last frame on its way to the WebSocket server.
     */
    private static final class Direction {
        private final SocketChannel from;
        private final SocketChannel to;
        /** Bytes read and not yet written, ready to be written. */
        private ByteBuffer pending;
        private ByteBuffer buffer;
        private boolean eof;
        private boolean broken;
        private boolean shut;

        Direction(SocketChannel from, SocketChannel to, ByteBuffer first) {
            this.from = from;
            this.to = to;
            this.pending = first;
        }

        void carry() {
            while (true) {
                if (pending.hasRemaining() && !broken) {
                    try {
                        to.write(pending);
                    } catch (IOException e) {
                        broken = true; // the receiver is gone: keep reading the sender to its end, dropping the bytes
                    }
                    if (pending.hasRemaining() && !broken) {
                        return; // the receiver is full: wait until it is writable
                    }
                }
                if (eof) {
                    if (!shut) {
                        shut = true;
                        try {
                            to.shutdownOutput();
                        } catch (IOException e) {
                            // already gone
                        }
                    }
                    return;
                }
                if (buffer == null) {
                    buffer = ByteBuffer.allocate(BUFFER);
                }
                buffer.clear();
                int n;
                try {
                    n = from.read(buffer);
                } catch (IOException e) {
                    n = -1; // this direction broke: end it like an EOF
                }
                buffer.flip();
                pending = buffer;
                if (n < 0) {
                    eof = true;
                } else if (n == 0) {
                    return; // nothing more for now
                }
            }
        }

        boolean wantsToRead() {
            return !eof && !(pending.hasRemaining() && !broken);
        }

        boolean wantsToWrite() {
            return pending.hasRemaining() && !broken;
        }

        boolean finished() {
            return eof && shut;
        }
    }

    // ---------------------------------------------------------------- request heads

    private static boolean hasHeadEnd(byte[] all) {
        for (int i = 0; i + 3 < all.length; i++) {
            if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** The value of a request head's header, or "" (the first one; names match case-insensitively). */
    static String header(String head, String name) {
        int end = head.indexOf("\r\n\r\n");
        for (String line : head.substring(0, end < 0 ? head.length() : end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    static boolean isWebSocketUpgrade(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        for (String line : text.substring(0, end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Upgrade")
                && line.substring(colon + 1).toLowerCase(Locale.ROOT).contains("websocket")) {
                return true;
            }
        }
        return false;
    }

    /** The head with its Connection headers replaced by {@code Connection: close}; what followed it is kept. */
    static byte[] withConnectionClose(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        StringBuilder b = new StringBuilder(text.length() + 20);
        for (String line : text.substring(0, end).split("\r\n", -1)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Connection")) {
                continue;
            }
            b.append(line).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n").append(text, end + 4, text.length());
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static void closeQuietly(SocketChannel s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        // what the servers said last (a WebSocket close frame) is still on its way through: let it pass, briefly
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
        boolean interrupted = false;
        synchronized (live) {
            long left;
            while (!live.isEmpty() && (left = end - System.nanoTime()) > 0) {
                try {
                    live.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
        }
        stopping = true;
        for (Loop l : loops) {
            l.selector.wakeup();
        }
        for (Loop l : loops) {
            try {
                l.thread.join(2000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Connection c : new ArrayList<>(live)) {
            c.close(); // the loop did not get to them (interrupted): close from here
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
