package dev.htmxws.output;

import java.util.HashMap;
import java.util.Map;

/**
 * Connection attempts that failed while the page goes on retrying, said once each with what a person watching needs:
 * which socket, which attempt in a row, why, and when the next one goes ("attempt 3 to connect to ws://…/chat
 * failed: cannot connect to 127.0.0.1:8000 (connection refused); next in 1890 ms"). The page decides whether it
 * retries only when it hears the failed socket closed, so a failure is held until then.
 */
public final class FailedAttempts {

    private final Map<Integer, String> urls = new HashMap<>();
    private final Map<Integer, String> failures = new HashMap<>();
    private int inARow;

    /** The page opens {@code socket} to {@code url}. */
    public void connecting(int socket, String url) {
        urls.put(socket, url);
    }

    /** A socket opened: the next failure is the first of a new row. */
    public void opened() {
        inARow = 0;
    }

    /** An attempt on {@code socket} failed, for {@code why}; said when the page closes it. */
    public void failed(int socket, String why) {
        failures.put(socket, why);
    }

    /** Why {@code socket}'s attempt failed, taken (null when the closed socket was no failed attempt). */
    public String closed(int socket) {
        String why = failures.remove(socket);
        if (why != null) {
            inARow++;
        }
        return why;
    }

    /** The line for the attempt just taken by {@link #closed}, which the page retries after {@code delayMs}. */
    public String retrying(int socket, String why, long delayMs) {
        String url = urls.remove(socket);
        return "attempt " + inARow + (url == null ? "" : " to connect to " + url) + " failed: " + why + "; next in "
            + delayMs + " ms";
    }
}
