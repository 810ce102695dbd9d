package dev.htmxws.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.java_websocket.exceptions.InvalidDataException;
import org.junit.jupiter.api.Test;

/** Frame boundaries are followed across any split of the stream, so only a masked frame fails it. */
class UnmaskedFramesCheckTest {

    /** Frames of every length form (7-bit, 16-bit, 64-bit), the empty one included, then {@code last}. */
    private static byte[] stream(byte[] last) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int len : new int[] {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
            byte[] payload = new byte[len];
            // payload bytes with the mask bit set, where a lost boundary would read them as a header
            java.util.Arrays.fill(payload, (byte) 0xFF);
            out.writeBytes(WsWire.frame(WsWire.BINARY, payload));
        }
        out.writeBytes(last);
        return out.toByteArray();
    }

    /** Scans {@code bytes} in random pieces; returns the offset where it failed, or -1. */
    private static int scanInPieces(byte[] bytes, long seed) {
        UnmaskedFramesCheck check = new UnmaskedFramesCheck();
        Random r = new Random(seed);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(5000));
            ByteBuffer piece = ByteBuffer.wrap(bytes, at, n);
            try {
                check.scan(piece);
            } catch (InvalidDataException e) {
                assertThat(e.getCloseCode()).isEqualTo(1002);
                return at;
            }
            assertThat(piece.position()).as("the scan consumes nothing").isEqualTo(at);
            at += n;
        }
        return -1;
    }

    @Test
    void unmaskedFramesPassHoweverTheStreamIsSplit() {
        byte[] bytes = stream(WsWire.text("end"));
        for (long seed = 0; seed < 200; seed++) {
            assertThat(scanInPieces(bytes, seed)).as("seed %d", seed).isEqualTo(-1);
        }
    }

    @Test
    void aMaskedFrameFailsWhereItBegins() {
        byte[] masked = WsWire.frame(true, 0, WsWire.TEXT,
            "masked".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true);
        byte[] bytes = stream(masked);
        int maskedAt = bytes.length - masked.length;
        for (long seed = 0; seed < 200; seed++) {
            int failedAt = scanInPieces(bytes, seed);
            assertThat(failedAt).as("seed %d: the piece holding the masked frame's second byte", seed)
                .isBetween(maskedAt - 5000, maskedAt + 1);
        }
    }

    @Test
    void aMaskedFirstFrameFailsAtOnce() {
        UnmaskedFramesCheck check = new UnmaskedFramesCheck();
        assertThatThrownBy(() -> check.scan(ByteBuffer.wrap(WsWire.frame(true, 0, WsWire.PING, new byte[0], true))))
            .isInstanceOf(InvalidDataException.class).hasMessageContaining("masked");
    }
}
