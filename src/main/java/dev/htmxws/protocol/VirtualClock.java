package dev.htmxws.protocol;

import java.util.PriorityQueue;

/**
 * Time as the page sees it: timers (reconnect delays, trigger delays, polling) run when the caller advances
 * the clock, so a session is deterministic in tests and follows real time when a driver advances it by the
 * wall clock.
 */
public final class VirtualClock {

    private record Timer(long at, long seq, Runnable task) implements Comparable<Timer> {
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

    public long now() {
        return now;
    }

    public Cancellable schedule(long delayMs, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timer(now + Math.max(0, delayMs), seq++, () -> {
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
            t.task.run();
        }
        now = until;
    }

    /** Milliseconds until the next task, or -1 when none is scheduled. */
    public long untilNext() {
        return timers.isEmpty() ? -1 : Math.max(0, timers.peek().at - now);
    }
}
