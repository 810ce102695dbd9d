package dev.htmxws.client;

import java.util.concurrent.Semaphore;

/**
 * A bound on the incoming messages the socket threads have handed to a session's loop and the loop has not taken
 * yet. Past it a socket's thread waits, so it stops reading and TCP slows the server down: without the bound, a
 * server that sends faster than the page swaps (or the terminal prints) fills the heap with waiting messages. A
 * message larger than the whole bound passes alone.
 */
final class IncomingBacklog {

    /** About 1 MiB of waiting text: thousands of typical messages, enough to keep the loop busy. */
    static final int LIMIT = 1 << 18;
    /** What a message costs besides its text (the task, the queue node, the string's header). */
    private static final int OVERHEAD = 64;

    private final Semaphore room = new Semaphore(LIMIT);
    private volatile boolean closed;

    /**
     * Waits (on a socket's thread) until a message of {@code length} characters fits.
     *
     * @return what to give back with {@link #taken} once the loop has the message
     */
    int admit(int length) {
        int cost = (int) Math.min((long) length + OVERHEAD, LIMIT);
        if (closed) {
            return 0;
        }
        try {
            room.acquire(cost);
            return cost;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the socket is being torn down: let the message through
            return 0;
        }
    }

    /** The loop took a message in. */
    void taken(int cost) {
        if (cost > 0) {
            room.release(cost);
        }
    }

    /** The session is closing and its loop may not run again: nothing waits any more. */
    void close() {
        if (!closed) {
            closed = true;
            room.release(Integer.MAX_VALUE / 2);
        }
    }
}
