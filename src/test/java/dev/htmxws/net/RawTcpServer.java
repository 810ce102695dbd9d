package dev.htmxws.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare TCP server for the failures a WebSocket server library will not produce: an HTTP answer that
 * refuses the upgrade, or a server that accepts and never answers.
 */
public final class RawTcpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private RawTcpServer(String response) throws IOException {
        this(response, false);
    }

    private RawTcpServer(String response, boolean upgradeThenIgnore) throws IOException {
        this(response, upgradeThenIgnore, true);
    }

    private RawTcpServer(String response, boolean upgradeThenIgnore, boolean keepReading) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    int n = in.read(buf); // the upgrade request
                    if (upgradeThenIgnore && n > 0) {
                        OutputStream out = s.getOutputStream();
                        out.write(switchingProtocols(new String(buf, 0, n, StandardCharsets.US_ASCII)));
                        out.flush();
                        if (!keepReading) {
                            continue; // the socket stays open and unread: the client's writes pile up
                        }
                        Thread drain = new Thread(() -> {
                            try {
                                while (in.read(buf) >= 0) {
                                    // read and ignore every frame, the close frame too
                                }
                            } catch (IOException e) {
                                // the client dropped the connection
                            }
                        }, "raw-tcp-drain");
                        drain.setDaemon(true);
                        drain.start();
                    } else if (response != null && n > 0) {
                        OutputStream out = s.getOutputStream();
                        out.write(response.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        s.close();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-tcp-server");
        t.setDaemon(true);
        t.start();
    }

    /** Answers every upgrade with {@code status} (e.g. "403 Forbidden") and closes. */
    public static RawTcpServer refusing(String status) throws IOException {
        return new RawTcpServer("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    /** Accepts the WebSocket upgrade, then reads every frame and answers none, not even a close frame. */
    public static RawTcpServer deafAfterUpgrade() throws IOException {
        return new RawTcpServer(null, true);
    }

    /** Accepts the WebSocket upgrade, then never reads again (a server that stopped reading). */
    public static RawTcpServer stalledAfterUpgrade() throws IOException {
        return new RawTcpServer(null, true, false);
    }

    private static byte[] switchingProtocols(String request) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)")
            .matcher(request);
        if (!m.find()) {
            throw new IllegalStateException("no Sec-WebSocket-Key in " + request);
        }
        try {
            byte[] sha1 = java.security.MessageDigest.getInstance("SHA-1").digest(
                (m.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + java.util.Base64.getEncoder().encodeToString(sha1) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts, reads the upgrade request, and never answers. */
    public static RawTcpServer silent() throws IOException {
        return new RawTcpServer(null);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
