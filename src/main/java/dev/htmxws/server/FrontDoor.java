package dev.htmxws.server;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one public port. It reads each connection's request head and hands the connection, bytes untouched, to
 * the WebSocket server when it asks for an upgrade and to the HTTP server otherwise (with {@code Connection:
 * close}, so that a later request on the same connection is routed afresh). Both servers listen on internal
 * loopback ports; the front door remembers which public address each internal connection stands for.
 */
final class FrontDoor implements Closeable {

    static final int MAX_HEAD = 32 * 1024;
    private static final int HEAD_TIMEOUT_MS = 15_000;
    /** How long {@link #close} lets open connections finish by themselves. */
    private static final int GRACE_MS = 1000;

    private final ServerSocket server;
    private final int httpPort;
    private final int wsPort;
    private final ExecutorService pool;
    private final Set<Socket> live = ConcurrentHashMap.newKeySet();
    private final Map<Integer, String> remoteByInternalPort = new ConcurrentHashMap<>();
    private volatile boolean closed;

    FrontDoor(InetSocketAddress bind, int httpPort, int wsPort) throws IOException {
        this.httpPort = httpPort;
        this.wsPort = wsPort;
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(bind, 128);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        this.server = s;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "htmxws-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "htmxws-serve-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The public address (host:port) behind an internal connection's local port, as the servers see it remotely. */
    String remoteOf(int internalPort) {
        return remoteByInternalPort.getOrDefault(internalPort, "127.0.0.1:" + internalPort);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // a failed accept (the client went away): keep serving
            }
            live.add(s);
            try {
                pool.execute(() -> route(s));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(s);
            }
        }
    }

    private void route(Socket client) {
        Socket inner = null;
        try {
            client.setTcpNoDelay(true);
            client.setSoTimeout(HEAD_TIMEOUT_MS);
            byte[] head = readHead(client.getInputStream());
            if (head == null) {
                return; // closed before a full request head, or a head over 32 KiB
            }
            boolean upgrade = isWebSocketUpgrade(head);
            byte[] forward = upgrade ? head : withConnectionClose(head);
            client.setSoTimeout(0);
            inner = new Socket();
            inner.setTcpNoDelay(true);
            inner.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upgrade ? wsPort : httpPort), 5000);
            live.add(inner);
            int innerPort = inner.getLocalPort();
            remoteByInternalPort.put(innerPort, hostPort((InetSocketAddress) client.getRemoteSocketAddress()));
            inner.getOutputStream().write(forward);
            inner.getOutputStream().flush();
            Socket in = inner;
            AtomicInteger ways = new AtomicInteger(2);
            pool.execute(() -> pump(in, client, in, ways));
            pump(client, inner, inner, ways);
        } catch (SocketTimeoutException e) {
            // no request head in time: drop it
        } catch (IOException | RuntimeException e) {
            // the client or the server went away
            if (inner != null) {
                closeQuietly(inner);
            }
            closeQuietly(client);
        } finally {
            if (inner == null) {
                closeQuietly(client);
            }
        }
    }

    /**
     * Copies until EOF or an error, then half-closes the other way; once both ways are done, closes both. Even after
     * an error (a client that resets its connection) the other way is only half-closed and left to drain: closing
     * a socket with unread data sends a reset, and a reset makes the receiving side discard what it has not read
     * yet, such as the client's last frame on its way to the WebSocket server.
     */
    private void pump(Socket from, Socket to, Socket inner, AtomicInteger ways) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // this way broke: end it like an EOF
        }
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            // already gone
        }
        if (ways.decrementAndGet() == 0) {
            remoteByInternalPort.remove(inner.getLocalPort());
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** The request head up to and including the blank line, plus whatever followed in the same reads. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(1024);
        byte[] buf = new byte[4096];
        int scanFrom = 0;
        while (true) {
            int n = in.read(buf);
            if (n < 0) {
                return null;
            }
            b.write(buf, 0, n);
            byte[] all = b.toByteArray();
            for (int i = Math.max(0, scanFrom - 3); i + 3 < all.length; i++) {
                if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                    return all;
                }
            }
            scanFrom = all.length;
            if (all.length > MAX_HEAD) {
                return null;
            }
        }
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

    private void closeQuietly(Socket s) {
        if (live.remove(s)) {
            synchronized (live) {
                live.notifyAll();
            }
        }
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
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(GRACE_MS);
        synchronized (live) {
            boolean interrupted = false;
            long left;
            while (!live.isEmpty() && (left = end - System.nanoTime()) > 0) {
                try {
                    live.wait(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (Socket s : live) {
            closeQuietly(s);
        }
        pool.shutdownNow();
    }
}
