package dev.htmxws.client;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The frames written on one socket that the server is not yet known to have read. A message from the server
 * proves nothing (it may have been sent before our frames arrived); a pong does: the server answers a ping
 * only after reading every frame before it. So a ping goes out behind the frames written, and its pong
 * confirms them. What is left when the socket dies is "delivery uncertain".
 *
 * <p>One ping at a time: servers bound the pings they hold unanswered (Node's {@code ws}, the most common
 * WebSocket server, terminates a connection that sends too many in one read), so the next ping waits for the
 * pong and then goes out behind everything written meanwhile.
 */
final class WrittenFrames {

    /** Frames per ping while frames stream out without a pause (a pause pings at once). */
    static final int BATCH = 32;

    private final ArrayDeque<String> frames = new ArrayDeque<>();
    /** How many frames were confirmed (the index of the first frame in {@link #frames}). */
    private long confirmed;
    private long written;
    /** Frames written before the last ping. */
    private long pinged;
    /** The id of the ping whose pong has not arrived yet, or -1. */
    private long inFlight = -1;

    void written(String frame) {
        frames.add(frame);
        written++;
    }

    /** Whether a ping should go out now: none awaits its pong and at least {@code frames} were written since. */
    boolean wantsPing(int frames) {
        return inFlight < 0 && written > pinged && written - pinged >= frames;
    }

    void pinged(long id) {
        inFlight = id;
        pinged = written;
    }

    /** The pong for ping {@code id} arrived: the frames written before that ping were read. */
    void ponged(long id) {
        if (id != inFlight) {
            return; // not ours (a --ping-interval ping, or a server's unsolicited pong)
        }
        inFlight = -1;
        while (confirmed < pinged && !frames.isEmpty()) {
            frames.poll();
            confirmed++;
        }
    }

    List<String> unconfirmed() {
        return List.copyOf(frames);
    }
}
