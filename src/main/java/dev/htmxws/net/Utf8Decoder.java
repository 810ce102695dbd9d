package dev.htmxws.net;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 arriving in pieces of any size: a character split between two reads comes out whole with the
 * second read, and malformed bytes become U+FFFD (the "UTF-8 decode" of the encoding standard, which an event
 * stream always uses whatever charset its content type names). The byte order mark is left to the caller.
 */
public final class Utf8Decoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(8192); // write mode between calls
    private final CharBuffer out = CharBuffer.allocate(8192);

    /** The text these bytes complete; an incomplete character at the end waits for the next call. */
    public String decode(byte[] bytes, int offset, int length) {
        if (pending.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(pending.position() + length);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(bytes, offset, length);
        pending.flip();
        StringBuilder text = new StringBuilder(length);
        CoderResult result;
        do {
            out.clear();
            result = decoder.decode(pending, out, false);
            out.flip();
            text.append(out);
        } while (result.isOverflow());
        pending.compact();
        return text.toString();
    }

    /** Bytes held back as the start of a character not yet complete. */
    int pendingBytes() {
        return pending.position();
    }
}
