package dev.htmxws.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on loopback (port 0) that plays a script on each connection it accepts, for what no server library
 * will send: broken HTTP heads, invalid UTF-8, a half-closed socket, frames after a close. Each connection gets its
 * own daemon thread; {@link #close()} closes the listening socket and every connection.
 */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    public interface Script {
        void play(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private volatile Script script;
    /** What scripts threw, other than the client going away: a test can show it when a case fails. */
    public final List<String> problems = new CopyOnWriteArrayList<>();

    public ScriptedServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "scripted-server");
        t.setDaemon(true);
        t.start();
    }

    /** The script for connections accepted from now on. */
    public void script(Script next) {
        this.script = next;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(s);
            Script now = script;
            Thread t = new Thread(() -> {
                try (s) {
                    now.play(s);
                } catch (IOException e) {
                    // the client went away: what many scripts provoke
                } catch (Exception e) {
                    problems.add(e.toString());
                }
            }, "scripted-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Reads a request head (up to the blank line, at most 64 KiB) and returns it as ISO-8859-1 text. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (head.size() < 65536) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                : b == '\r' ? 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes {@code bytes} in pieces of random size, flushing each, so the reader sees every kind of cut. */
    public static void writeInPieces(OutputStream out, byte[] bytes, Random r) throws IOException {
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + r.nextInt(r.nextBoolean() ? 7 : 4096));
            out.write(bytes, at, n);
            out.flush();
            at += n;
        }
    }

    /** Reads until the client closes (or the socket fails): for a server that half-closed and waits. */
    public static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
