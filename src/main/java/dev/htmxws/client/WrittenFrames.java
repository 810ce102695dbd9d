package dev.htmxws.client;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames written on one socket that the server is not yet known to have read. A message from the server
 * proves nothing (it may have been sent before our frames arrived); a pong does: the server answers a ping
 * only after reading every frame before it. So a ping goes out behind each batch of frames, and its pong
 * confirms the frames written before it. What is left when the socket dies is "delivery uncertain".
 */
final class WrittenFrames {

    /** Frames per ping while frames stream out without a pause (a pause pings at once). */
    static final int BATCH = 32;

    private final ArrayDeque<String> frames = new ArrayDeque<>();
    /** How many frames were confirmed (the index of the first frame in {@link #frames}). */
    private long confirmed;
    private long written;
    private long pinged;
    /** Ping id to the number of frames written before that ping. */
    private final Map<Long, Long> pings = new HashMap<>();

    void written(String frame) {
        frames.add(frame);
        written++;
    }

    /** Frames written since the last ping. */
    long sinceLastPing() {
        return written - pinged;
    }

    void pinged(long id) {
        pings.put(id, written);
        pinged = written;
    }

    /** The pong for ping {@code id} arrived: the frames written before that ping were read. */
    void ponged(long id) {
        Long upTo = pings.remove(id);
        if (upTo == null) {
            return;
        }
        pings.values().removeIf(n -> n <= upTo); // earlier pings confirm nothing more
        while (confirmed < upTo && !frames.isEmpty()) {
            frames.poll();
            confirmed++;
        }
    }

    List<String> unconfirmed() {
        return List.copyOf(frames);
    }
}
