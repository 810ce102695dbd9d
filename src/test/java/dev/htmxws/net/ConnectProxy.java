package dev.htmxws.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal HTTP CONNECT proxy on loopback for tests: records each CONNECT target and pipes bytes both ways. */
public final class ConnectProxy implements AutoCloseable {

    public final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    public ConnectProxy() throws IOException {
        server = Acceptor.start("connect-proxy", this::handle);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void handle(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            head.append((char) b);
        }
        String first = head.toString().lines().findFirst().orElse("");
        String[] parts = first.split(" ");
        if (!parts[0].equals("CONNECT")) {
            client.getOutputStream()
                .write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.close();
            return;
        }
        tunnels.add(parts[1]);
        String[] hostPort = parts[1].split(":");
        Socket upstream;
        try {
            upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        } catch (IOException e) { // what a real proxy answers when the target is down
            client.getOutputStream().write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            client.close();
            return;
        }
        client.getOutputStream()
            .write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Pipe.start(in, upstream.getOutputStream(), "connect-proxy-pipe");
        Pipe.start(upstream.getInputStream(), client.getOutputStream(), "connect-proxy-pipe");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
