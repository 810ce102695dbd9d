package dev.htmxws.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens to a frame sent while the socket is not open (docs/spec/protocol.md §3.4): htmx 1 has no queue (the
 * browser throws and the frame is lost), htmx 2 queues without limit, htmx 4 queues up to
 * {@code maxOutgoingMessagesQueueSize} (100) and refuses more, and refuses everything once the connection
 * was given up.
 */
public final class SendQueue {

    /** The fate of one frame offered while not open. */
    public enum Fate {
        QUEUED, LOST_NO_QUEUE, LOST_QUEUE_FULL, LOST_NOT_OPEN
    }

    private final Dialect dialect;
    private final int max;
    private final ArrayDeque<String> frames = new ArrayDeque<>();

    public SendQueue(Dialect dialect, int max) {
        this.dialect = dialect;
        this.max = max;
    }

    /**
     * @param extension htmx 1's socket of its own ws extension, which queues like htmx 2's (docs/spec/sse-and-requests.md
     *                  §1.3); its core hx-ws has no queue
     */
    public static SendQueue of(Dialect dialect, WsConfig config, boolean extension) {
        Dialect rules = dialect == Dialect.HTMX1 && extension ? Dialect.HTMX2 : dialect;
        return new SendQueue(rules, rules == Dialect.HTMX4 ? config.maxOutgoingMessagesQueueSize() : Integer.MAX_VALUE);
    }

    /**
     * @param connectionAlive htmx 4 only: whether a connection object still exists (false after a close that
     *                        does not reconnect, or before the connect trigger fired)
     */
    public Fate offer(String frame, boolean connectionAlive) {
        switch (dialect) {
            case HTMX1:
                return Fate.LOST_NO_QUEUE;
            case HTMX4:
                if (!connectionAlive) {
                    return Fate.LOST_NOT_OPEN;
                }
                if (frames.size() >= max) {
                    return Fate.LOST_QUEUE_FULL;
                }
                break;
            default:
                break;
        }
        frames.add(frame);
        return Fate.QUEUED;
    }

    /** The queued frames, oldest first, removed from the queue (flushed on open). */
    public List<String> drain() {
        List<String> out = new ArrayList<>(frames);
        frames.clear();
        return out;
    }

    /** htmx 4 clears the queue when it gives a connection up. */
    public void clear() {
        frames.clear();
    }

    public int size() {
        return frames.size();
    }

    public List<String> snapshot() {
        return List.copyOf(frames);
    }

    public static String describe(Fate fate) {
        return switch (fate) {
            case QUEUED -> "queued until the socket opens";
            case LOST_NO_QUEUE ->
                "htmx 1 has no send queue: sending before the socket is open throws and the message is lost";
            case LOST_QUEUE_FULL ->
                "htmx 4 outgoing queue is full (maxOutgoingMessagesQueueSize): the message is dropped";
            case LOST_NOT_OPEN ->
                "htmx 4: connection not open (closed without reconnect, or not yet triggered): the message is dropped";
        };
    }
}
