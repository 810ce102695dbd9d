package dev.htmxws.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A wait bounded by the work rather than the wall clock: it lasts as long as the work moves on, and fails only when
 * nothing has moved for {@code stall}. A machine twice as busy takes twice as long and still passes; a stuck run
 * fails one stall after it stopped.
 */
public final class Progress {

    private Progress() {
    }

    /**
     * Waits until {@code done} holds.
     *
     * @param what     what is awaited, for the failure message
     * @param progress a count that grows while the work moves on (messages received, bytes written…)
     * @param stall    how long the count may stay the same before the wait fails
     */
    public static void await(String what, BooleanSupplier done, LongSupplier progress, Duration stall)
        throws InterruptedException {
        long last = progress.getAsLong();
        long movedAt = System.nanoTime();
        while (!done.getAsBoolean()) {
            TimeUnit.MILLISECONDS.sleep(100);
            long now = progress.getAsLong();
            if (now != last) {
                last = now;
                movedAt = System.nanoTime();
            } else if (System.nanoTime() - movedAt > stall.toNanos()) {
                throw new AssertionError(what + ": no progress for " + stall.toSeconds() + " s (stuck at " + now + ")");
            }
        }
    }
}
