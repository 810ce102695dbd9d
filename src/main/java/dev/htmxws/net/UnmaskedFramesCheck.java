package dev.htmxws.net;

import java.nio.ByteBuffer;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;

/**
 * Follows the frame boundaries in what a server sends and fails on a masked frame, as RFC 6455 §5.1 requires of a
 * client and browsers do: Java-WebSocket unmasks such a frame and reads it, so a server that only htmxws accepted
 * would look fine here and break in the browser. Reads the bytes without consuming them.
 */
final class UnmaskedFramesCheck {

    private enum State { FIRST_BYTE, SECOND_BYTE, EXTENDED_LENGTH, PAYLOAD }

    private State state = State.FIRST_BYTE;
    private int lengthBytesLeft;
    private long payloadLeft;

    /** Scans {@code bytes} from its position to its limit, the next stretch of the stream. */
    void scan(ByteBuffer bytes) throws InvalidDataException {
        int p = bytes.position();
        int limit = bytes.limit();
        while (p < limit) {
            switch (state) {
                case FIRST_BYTE -> {
                    p++;
                    state = State.SECOND_BYTE;
                }
                case SECOND_BYTE -> {
                    int b = bytes.get(p++) & 0xFF;
                    if ((b & 0x80) != 0) {
                        throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "the server sent a masked frame");
                    }
                    int length = b & 0x7F;
                    if (length >= 126) {
                        lengthBytesLeft = length == 126 ? 2 : 8;
                        payloadLeft = 0;
                        state = State.EXTENDED_LENGTH;
                    } else {
                        startPayload(length);
                    }
                }
                case EXTENDED_LENGTH -> {
                    payloadLeft = (payloadLeft << 8) | (bytes.get(p++) & 0xFF);
                    if (--lengthBytesLeft == 0) {
                        startPayload(payloadLeft);
                    }
                }
                case PAYLOAD -> {
                    long skip = Math.min(payloadLeft, limit - p);
                    p += (int) skip;
                    payloadLeft -= skip;
                    if (payloadLeft == 0) {
                        state = State.FIRST_BYTE;
                    }
                }
            }
        }
    }

    private void startPayload(long length) {
        payloadLeft = length;
        state = length == 0 ? State.FIRST_BYTE : State.PAYLOAD;
    }
}
