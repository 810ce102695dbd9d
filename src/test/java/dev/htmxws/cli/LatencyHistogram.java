package dev.htmxws.cli;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Delivery latencies in 10 µs buckets up to 10 s (longer ones count in the last bucket; the maximum is kept exactly),
 * recorded from many threads at once: millions of samples in a fixed 8 MB.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 10_000;
    private final AtomicLongArray counts = new AtomicLongArray(1_000_000);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long n = Math.max(0, nanos);
        counts.incrementAndGet((int) Math.min(n / BUCKET_NANOS, counts.length() - 1));
        total.incrementAndGet();
        max.accumulateAndGet(n, Math::max);
    }

    long count() {
        return total.get();
    }

    long maxNanos() {
        return max.get();
    }

    /** The upper edge of the bucket holding the {@code q}-quantile (0 < q <= 1), in nanoseconds. */
    long quantileNanos(double q) {
        long rank = (long) Math.ceil(q * total.get());
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank && seen > 0) {
                return Math.min((i + 1) * BUCKET_NANOS, max.get());
            }
        }
        return max.get();
    }

    static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
