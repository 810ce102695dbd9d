package dev.htmxws.protocol;

import java.util.PriorityQueue;

/**
 * Time as the page sees it: timers (reconnect delays, trigger delays, polling) run when the caller advances
 * the clock, so a session is deterministic in tests and follows real time when a driver advances it by the
 * wall clock.
 */
public final class VirtualClock {

    /** The HTML standard's timer clamp: a timer nested more than 5 deep waits at least 4 ms. */
    private static final int CLAMP_NESTING = 5;
    private static final long CLAMP_MS = 4;

    private record Timer(long at, long seq, int nesting, Runnable task) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    /** Cancels a scheduled task. */
    public interface Cancellable {
        void cancel();
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long seq;
    /** Nesting level of the timer running now (0: none), so that a timer that schedules itself again is clamped. */
    private int running;

    public long now() {
        return now;
    }

    public Cancellable schedule(long delayMs, Runnable task) {
        boolean[] cancelled = {false};
        int nesting = running + 1;
        long delay = Math.max(0, delayMs);
        if (nesting > CLAMP_NESTING && delay < CLAMP_MS) {
            delay = CLAMP_MS; // as browsers do: without it, hx-trigger="every 0s" would never let time advance
        }
        timers.add(new Timer(now + delay, seq++, nesting, () -> {
            if (!cancelled[0]) {
                task.run();
            }
        }));
        return () -> cancelled[0] = true;
    }

    /** Runs every task due within {@code ms}, in time order, then sets the clock {@code ms} later. */
    public void advance(long ms) {
        long until = now + ms;
        while (!timers.isEmpty() && timers.peek().at <= until) {
            Timer t = timers.poll();
            now = Math.max(now, t.at);
            running = t.nesting;
            try {
                t.task.run();
            } finally {
                running = 0;
            }
        }
        now = until;
    }

    /** Milliseconds until the next task, or -1 when none is scheduled. */
    public long untilNext() {
        return timers.isEmpty() ? -1 : Math.max(0, timers.peek().at - now);
    }
}
