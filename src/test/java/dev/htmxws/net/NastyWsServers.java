package dev.htmxws.net;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * WebSocket servers that misbehave on the wire, one {@link ScriptedServer.Script} each, with what a client should
 * make of them: invalid UTF-8, random binary, garbage, frames after a close, a half-closed or reset socket,
 * protocol violations, a frame one byte over the 16 MiB limit, a broken upgrade.
 *
 * @see WsWire
 */
public final class NastyWsServers {

    /**
     * @param name      a short name for reports
     * @param script    what the server does on each connection
     * @param shows     text the client's report must contain (close code, explanation), or "" for nothing in particular
     * @param opens     whether the upgrade succeeds
     */
    public record Case(String name, ScriptedServer.Script script, String shows, boolean opens) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static final int SIXTEEN_MIB = 16 << 20;

    private NastyWsServers() {
    }

    public static List<Case> all() {
        List<Case> c = new ArrayList<>();
        c.add(opened("invalid-utf8", (s, out) -> out.write(WsWire.frame(WsWire.TEXT, bytes(0x68, 0xC3, 0x28))),
            "failed the connection with 1007"));
        c.add(opened("invalid-utf8-across-fragments", (s, out) -> {
            out.write(WsWire.frame(false, 0, WsWire.TEXT, bytes('a', 0xE2, 0x82), false));
            out.write(WsWire.frame(true, 0, WsWire.CONTINUATION, bytes(0x28), false));
        }, "failed the connection with 1007"));
        c.add(
            opened("utf8-encoded-surrogate", (s, out) -> out.write(WsWire.frame(WsWire.TEXT, bytes(0xED, 0xA0, 0x80))),
                "failed the connection with 1007"));
        c.add(opened("random-binary", (s, out) -> {
            byte[] b = new byte[1000];
            new Random(7).nextBytes(b);
            out.write(WsWire.frame(WsWire.BINARY, b));
            out.write(WsWire.close(1000, "done".getBytes(StandardCharsets.US_ASCII)));
        }, "[binary 1000 bytes]"));
        c.add(opened("garbage-after-upgrade", (s, out) -> {
            byte[] b = new byte[300];
            new Random(11).nextBytes(b);
            out.write(b);
        }, ""));
        c.add(opened("frames-after-close", (s, out) -> {
            out.write(WsWire.text("before"));
            out.write(WsWire.close(1000, "bye".getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i < 100; i++) {
                out.write(WsWire.text("after " + i));
            }
        }, "before"));
        c.add(opened("close-then-flood", (s, out) -> {
            out.write(WsWire.text("before"));
            out.write(WsWire.close(1000, new byte[0]));
            byte[] more = WsWire.text("flood");
            while (true) { // until the client's end makes a write fail
                out.write(more);
            }
        }, "before"));
        c.add(opened("half-closed", (s, out) -> {
            out.write(WsWire.text("hi"));
            out.flush();
            s.shutdownOutput(); // a FIN without a close frame, the server still reading
            ScriptedServer.drain(s.getInputStream());
        }, "1006"));
        c.add(opened("reset", (s, out) -> {
            out.write(WsWire.text("hi"));
            out.flush();
            s.setSoLinger(true, 0);
            s.close(); // a RST, not a FIN
        }, "1006"));
        // RFC 6455 §5.1: a client fails the connection on a masked frame, as browsers do (the library alone read it)
        c.add(opened("masked-server-frame", (s, out) -> {
            out.write(WsWire.frame(true, 0, WsWire.TEXT, "masked".getBytes(StandardCharsets.US_ASCII), true));
            out.write(WsWire.close(1000, new byte[0]));
        }, "failed the connection with 1002"));
        c.add(opened("reserved-opcode", (s, out) -> out.write(WsWire.frame(3, bytes('x'))),
            "failed the connection with 1002"));
        c.add(opened("rsv-bits", (s, out) -> out.write(WsWire.frame(true, 4, WsWire.TEXT, bytes('x'), false)),
            "failed the connection with 1002"));
        c.add(opened("oversized-ping", (s, out) -> out.write(WsWire.frame(WsWire.PING, new byte[200])),
            "failed the connection with 1002"));
        c.add(opened("fragmented-ping", (s, out) -> out.write(WsWire.frame(false, 0, WsWire.PING, bytes('p'), false)),
            "failed the connection with 1002"));
        c.add(opened("close-code-999", (s, out) -> out.write(WsWire.close(999, new byte[0])), "1002"));
        // Java-WebSocket throws a NullPointerException on it and closes with 1006
        c.add(opened("close-reason-not-utf8", (s, out) -> out.write(WsWire.close(1000, bytes(0xFF, 0xFE))),
            "a frame from the server broke the WebSocket library"));
        c.add(opened("close-reason-with-newline-and-escapes", (s, out) -> out.write(WsWire.close(1011,
            "line one\nline two \u001b[31mred\u001b]0;title\u0007".getBytes(StandardCharsets.UTF_8))), "1011"));
        // Chromium fails this one (its page sees 1006, and htmx reconnects); the library reads it as the server's
        // close 1002, after which htmx does not: a known difference
        c.add(opened("close-one-byte", (s, out) -> out.write(WsWire.frame(WsWire.CLOSE, bytes(3))), "1002"));
        c.add(opened("orphan-continuation", (s, out) -> out.write(WsWire.frame(WsWire.CONTINUATION, bytes('x'))),
            "failed the connection with 1002"));
        c.add(opened("length-2^62", (s, out) -> out.write(WsWire.header(WsWire.TEXT, 1L << 62)), ""));
        c.add(opened("length-negative", (s, out) -> out.write(WsWire.header(WsWire.TEXT, -1L)), ""));
        c.add(opened("truncated-frame", (s, out) -> {
            out.write(WsWire.header(WsWire.TEXT, 1000));
            out.write(new byte[10]);
            out.flush();
            s.close();
        }, "1006"));
        c.add(opened("ping-flood", (s, out) -> {
            for (int i = 0; i < 2000; i++) {
                out.write(WsWire.frame(WsWire.PING, bytes(i & 0x7f)));
            }
            out.write(WsWire.text("after the pings"));
            out.write(WsWire.close(1000, new byte[0]));
        }, "after the pings"));
        c.add(opened("one-byte-over-16-MiB", (s, out) -> out.write(WsWire.frame(WsWire.TEXT, filled(SIXTEEN_MIB + 1))),
            "1009"));
        c.add(opened("escape-sequences-in-text", (s, out) -> {
            out.write(WsWire.text("<p id=\"x\">\u001b[2J\u001b]0;owned\u0007 \u0000 ok</p>"));
            out.write(WsWire.close(1000, new byte[0]));
        }, ""));
        c.add(refused("upgrade-answered-200", s -> {
            ScriptedServer.readHead(s.getInputStream());
            s.getOutputStream()
                .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".getBytes(StandardCharsets.US_ASCII));
        }, "200"));
        c.add(refused("upgrade-wrong-accept", s -> {
            ScriptedServer.readHead(s.getInputStream());
            s.getOutputStream()
                .write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }, ""));
        c.add(refused("upgrade-answered-garbage", s -> {
            ScriptedServer.readHead(s.getInputStream());
            byte[] b = new byte[500];
            new Random(3).nextBytes(b);
            s.getOutputStream().write(b);
        }, ""));
        c.add(refused("closed-during-upgrade", s -> ScriptedServer.readHead(s.getInputStream()), ""));
        return c;
    }

    /** A frame of {@code n} bytes of ASCII text. */
    public static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 'x');
        return b;
    }

    private interface AfterUpgrade {
        void play(Socket s, OutputStream out) throws Exception;
    }

    /** The upgrade succeeds, then the script plays; the server then waits for the client to close. */
    private static Case opened(String name, AfterUpgrade after, String shows) {
        return new Case(name, s -> {
            WsWire.accept(s);
            OutputStream out = s.getOutputStream();
            after.play(s, out);
            out.flush();
            if (!s.isClosed() && !s.isOutputShutdown()) {
                InputStream in = s.getInputStream();
                s.setSoTimeout(15_000);
                ScriptedServer.drain(in);
            }
        }, shows, true);
    }

    private static Case refused(String name, ScriptedServer.Script script, String shows) {
        return new Case(name, script, shows, false);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
