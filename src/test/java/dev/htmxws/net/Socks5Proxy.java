package dev.htmxws.net;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A minimal SOCKS5 proxy on loopback for tests (no authentication, CONNECT only); records each target. */
public final class Socks5Proxy implements AutoCloseable {

    public final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    public Socks5Proxy() throws IOException {
        server = Acceptor.start("socks5-proxy", this::handle);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void handle(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        if (in.readUnsignedByte() != 5) {
            client.close();
            return;
        }
        in.readFully(new byte[in.readUnsignedByte()]); // offered methods
        out.write(new byte[] {5, 0}); // no authentication
        in.readUnsignedByte(); // version
        int cmd = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        int type = in.readUnsignedByte();
        String host;
        if (type == 1) {
            byte[] a = new byte[4];
            in.readFully(a);
            host = InetAddress.getByAddress(a).getHostAddress();
        } else if (type == 3) {
            byte[] name = new byte[in.readUnsignedByte()];
            in.readFully(name);
            host = new String(name, StandardCharsets.US_ASCII);
        } else {
            client.close();
            return;
        }
        int port = in.readUnsignedShort();
        if (cmd != 1) {
            client.close();
            return;
        }
        tunnels.add(host + ":" + port);
        Socket upstream;
        try {
            upstream = new Socket(host, port);
        } catch (IOException e) { // reply 5: connection refused, as a real SOCKS server answers
            out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            client.close();
            return;
        }
        out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
        out.flush();
        Pipe.start(in, upstream.getOutputStream(), "socks5-pipe");
        Pipe.start(upstream.getInputStream(), out, "socks5-pipe");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
