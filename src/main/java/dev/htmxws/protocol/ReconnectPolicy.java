package dev.htmxws.protocol;

import java.util.List;

/**
 * When a closed socket comes back, and after how long (docs/spec/protocol.md §3.5), as pure functions of the close
 * code, the number of retries already made and a random number in [0, 1).
 */
public final class ReconnectPolicy {

    private static final List<Integer> HTMX1_CODES = List.of(1006, 1012, 1013);
    private static final List<Integer> HTMX2_CODES = List.of(1006, 1011, 1012, 1013);

    private final Dialect dialect;
    private final WsConfig config;

    private ReconnectPolicy(Dialect dialect, WsConfig config) {
        this.dialect = dialect;
        this.config = config;
    }

    public static ReconnectPolicy of(Dialect dialect) {
        return new ReconnectPolicy(dialect, WsConfig.DEFAULT);
    }

    /** htmx 4 reads its policy from {@code htmx.config.ws} and the connect element's {@code hx-config}. */
    public static ReconnectPolicy of(Dialect dialect, WsConfig config) {
        return new ReconnectPolicy(dialect, config);
    }

    public boolean reconnects(int code) {
        return switch (dialect) {
            case HTMX1 -> HTMX1_CODES.contains(code);
            case HTMX2 -> HTMX2_CODES.contains(code);
            case HTMX4 -> config.reconnect() && config.reconnectCodes().contains(code);
        };
    }

    /** Whether another attempt is allowed after {@code attempts} attempts without an open (htmx 4 only limits). */
    public boolean mayRetry(int attempts) {
        return dialect != Dialect.HTMX4 || attempts < config.reconnectMaxAttempts();
    }

    /**
     * Delay before the next attempt.
     *
     * @param retries attempts already made since the last open (0 before the first retry)
     * @param random  a uniform random number in [0, 1)
     */
    public long delayMillis(int retries, double random) {
        if (dialect == Dialect.HTMX4) {
            long base = config.reconnectDelay();
            double delay = Math.min(base * Math.pow(2, retries), config.reconnectMaxDelay());
            double jitter = config.reconnectJitter();
            if (jitter > 0) {
                delay = Math.max(0, delay + (2 * random - 1) * jitter * delay);
            }
            return Math.round(delay);
        }
        // full jitter: uniform in [0, 1000 * 2^min(retries, 6)) ms
        return (long) (random * 1000 * Math.pow(2, Math.min(retries, 6)));
    }
}
