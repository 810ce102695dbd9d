package dev.htmxws.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The front door over real loopback sockets, with plain TCP servers standing in for the HTTP and WebSocket sides. */
class FrontDoorTest {

    private final ServerSocket httpSide = bind();
    private final ServerSocket wsSide = bind();
    private final FrontDoor door = open();

    @AfterEach
    void close() throws IOException {
        door.close();
        httpSide.close();
        wsSide.close();
    }

    /**
     * 8 MiB each way, more than the sockets buffer, with a server that echoes as it reads: the door stops reading a
     * side whose receiver is full and starts again, loses and reorders nothing, and passes the client's half-close on
     * (the server sees the end, and its last bytes still come back).
     */
    @Test
    void anUpgradeCarriesEverythingBothWaysAndPassesAHalfCloseOn() throws Exception {
        byte[] head = "GET /chatroom HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = new byte[8 << 20];
        new Random(7).nextBytes(body);
        CompletableFuture<byte[]> serverGot = CompletableFuture.supplyAsync(() -> echoOne(wsSide));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), door.port())) {
            client.setSoTimeout(30_000);
            CompletableFuture<byte[]> clientGot = CompletableFuture.supplyAsync(() -> readAll(client));
            OutputStream out = client.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            client.shutdownOutput();

            byte[] atServer = serverGot.get(60, TimeUnit.SECONDS);
            byte[] back = clientGot.get(60, TimeUnit.SECONDS);
            assertThat(atServer.length).isEqualTo(head.length + body.length);
            assertThat(Arrays.equals(atServer, 0, head.length, head, 0, head.length)).as("the head, untouched")
                .isTrue();
            assertThat(Arrays.equals(atServer, head.length, atServer.length, body, 0, body.length)).isTrue();
            assertThat(Arrays.equals(back, atServer)).as("echoed back in full after the client's half-close").isTrue();
        }
    }

    @Test
    void aPlainRequestGoesToTheHttpSideWithConnectionClose() throws Exception {
        CompletableFuture<byte[]> serverGot = CompletableFuture.supplyAsync(() -> echoOne(httpSide));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), door.port())) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            client.shutdownOutput();
            String got = new String(serverGot.get(30, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1);
            assertThat(got).isEqualTo("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(new String(readAll(client), StandardCharsets.ISO_8859_1)).isEqualTo(got);
        }
    }

    @Test
    void aHeadInManySmallPiecesIsPutTogetherUntouched() throws Exception {
        String head = "GET /chatroom HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nCookie: " + "c".repeat(20_000)
            + "\r\n\r\n";
        CompletableFuture<byte[]> serverGot = CompletableFuture.supplyAsync(() -> echoOne(wsSide));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), door.port())) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i += 700) {
                out.write(bytes, i, Math.min(700, bytes.length - i));
                out.flush();
            }
            client.shutdownOutput();
            assertThat(new String(serverGot.get(30, TimeUnit.SECONDS), StandardCharsets.ISO_8859_1)).isEqualTo(head);
        }
    }

    @Test
    void aHeadOver32KiBIsDropped() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), door.port())) {
            client.setSoTimeout(30_000);
            client.getOutputStream().write(
                ("GET / HTTP/1.1\r\nX: " + "a".repeat(FrontDoor.MAX_HEAD + 10)).getBytes(StandardCharsets.ISO_8859_1));
            int first;
            try {
                first = client.getInputStream().read();
            } catch (java.net.SocketException reset) {
                first = -1; // closed with unread bytes: a reset, as good as an end here
            }
            assertThat(first).as("the door closed the connection").isEqualTo(-1);
        }
    }

    @Test
    void theServersSeeTheClientsPublicAddress() throws Exception {
        CompletableFuture<String> remote = CompletableFuture.supplyAsync(() -> {
            try (Socket s = wsSide.accept()) {
                s.getInputStream().readNBytes(10); // as the WebSocket server: asks once the request came
                return door.remoteOf(s.getPort());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), door.port())) {
            client.getOutputStream()
                .write("GET /chatroom HTTP/1.1\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(remote.get(30, TimeUnit.SECONDS)).isEqualTo("127.0.0.1:" + client.getLocalPort());
        }
    }

    /** Accepts one connection, writes back everything it reads as it reads it, then closes; returns what it read. */
    private static byte[] echoOne(ServerSocket side) {
        try (Socket s = side.accept()) {
            s.setSoTimeout(30_000);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
                out.write(buf, 0, n);
            }
            out.flush();
            s.shutdownOutput();
            return got.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readAll(Socket s) {
        try {
            return s.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ServerSocket bind() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private FrontDoor open() {
        try {
            return new FrontDoor(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), httpSide.getLocalPort(),
                wsSide.getLocalPort(), head -> null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
