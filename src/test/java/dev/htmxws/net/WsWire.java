package dev.htmxws.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WebSocket wire format written by hand (RFC 6455), for a {@link ScriptedServer} that sends what a server
 * library never would: invalid UTF-8 in text frames, masked or reserved frames, frames after a close.
 */
public final class WsWire {

    public static final int CONTINUATION = 0;
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    public static final int PONG = 10;

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

    private WsWire() {
    }

    /** Reads the upgrade request and answers 101 as a server library would; returns the request head. */
    public static String accept(Socket s) throws IOException {
        String head = ScriptedServer.readHead(s.getInputStream());
        Matcher m = KEY.matcher(head);
        String key = m.find() ? m.group(1) : "";
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return head;
    }

    public static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One unmasked frame, as a server sends it. */
    public static byte[] frame(int opcode, byte[] payload) {
        return frame(true, 0, opcode, payload, false);
    }

    public static byte[] text(String s) {
        return frame(TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A close frame with a code and reason (code -1: an empty payload). */
    public static byte[] close(int code, byte[] reason) {
        if (code < 0) {
            return frame(CLOSE, new byte[0]);
        }
        byte[] p = new byte[2 + reason.length];
        p[0] = (byte) (code >> 8);
        p[1] = (byte) code;
        System.arraycopy(reason, 0, p, 2, reason.length);
        return frame(CLOSE, p);
    }

    /** Any frame: FIN bit, RSV bits (0-7), opcode, payload, and whether to mask it (servers must not). */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0f));
        int mask = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(mask | payload.length);
        } else if (payload.length < 65536) {
            out.write(mask | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(mask | 127);
            long len = payload.length;
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >> (8 * i)));
            }
        }
        if (masked) {
            byte[] key = {1, 2, 3, 4};
            out.writeBytes(key);
            byte[] m = payload.clone();
            for (int i = 0; i < m.length; i++) {
                m[i] ^= key[i & 3];
            }
            out.writeBytes(m);
        } else {
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    /** A frame header that declares {@code length} bytes of payload (which may never follow). */
    public static byte[] header(int opcode, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        out.write(0x80 | opcode);
        out.write(127);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (length >> (8 * i)));
        }
        return out.toByteArray();
    }
}
