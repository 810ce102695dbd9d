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
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    int n = in.read(buf); // the upgrade request
                    if (response != null && n > 0) {
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
