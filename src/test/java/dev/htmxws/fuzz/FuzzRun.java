package dev.htmxws.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The settings and the tally of one fuzz run. The seed is fixed unless {@code -Dhtmxws.seed=random|N} is given
 * (see {@link #configuredSeed()}), and is printed first, so that any failure can be replayed exactly. A run has two
 * sizes: the fast tier ({@code ./mvnw test}) runs a third of a loop's cases, the long tier ({@code verify}, which
 * sets {@code -Dhtmxws.fuzz.depth=deep}) all of them; {@code -Dhtmxws.fuzz.iterations=N} runs N. Every case draws
 * from its own {@link Random} derived from the seed and its number, so a failure names the one case to look at, and
 * the fast tier's cases are the first cases of the deep run.
 */
public final class FuzzRun {

    private final String name;
    private final long seed;
    private final int iterations;
    private final Map<String, Long> kinds = new TreeMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final long started = System.nanoTime();
    private long cases;
    private long bytes;
    private final Map<String, Long> nanosPerKind = new TreeMap<>();
    private String slowest = "";
    private long slowestNanos;

    private FuzzRun(String name, long seed, int iterations) {
        this.name = name;
        this.seed = seed;
        this.iterations = iterations;
    }

    /**
     * A run of {@code deepIterations} cases in the long tier, a third of them in the fast tier, or as many as the
     * iterations property says; prints the seed.
     */
    public static FuzzRun start(String name, int deepIterations) {
        long seed = configuredSeed();
        int iterations = Integer.getInteger("htmxws.fuzz.iterations",
            deep() ? deepIterations : Math.max(1, deepIterations / 3));
        FuzzRun run = new FuzzRun(name, seed, iterations);
        System.out.printf(Locale.ROOT,
            "%s: seed %d, %d iterations (replay: -Dhtmxws.seed=%d; more: -Dhtmxws.fuzz.iterations=N)%n",
            name, seed, iterations, seed);
        return run;
    }

    /**
     * The seed every fuzz test uses: a fixed one by default, so that a build passes or fails the same way each time;
     * {@code -Dhtmxws.seed=random} explores (and prints the seed of a failing case), {@code -Dhtmxws.seed=N} replays.
     */
    public static long configuredSeed() {
        String given = System.getProperty("htmxws.seed");
        if (given == null || given.isBlank()) {
            return 20261121L;
        }
        return given.equals("random") ? new Random().nextLong() : Long.parseLong(given.strip());
    }

    /** True in the long tier, where every fuzz loop runs at its full depth. */
    public static boolean deep() {
        return "deep".equals(System.getProperty("htmxws.fuzz.depth"));
    }

    public long seed() {
        return seed;
    }

    public int iterations() {
        return iterations;
    }

    /** The random source of case {@code n}: the same for the same seed, whatever ran before. */
    public Random random(long n) {
        return new Random(seed * 0x9E3779B97F4A7C15L + n);
    }

    /** Counts one case of a kind and the size of its input. */
    public synchronized void count(String kind, long inputLength) {
        cases++;
        bytes += inputLength;
        kinds.merge(kind, 1L, Long::sum);
    }

    /** Adds the time one case of a kind took; the slowest case is reported. */
    public synchronized void took(String kind, long n, long nanos) {
        nanosPerKind.merge(kind, nanos, Long::sum);
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowest = "case " + n + " (" + kind + ")";
        }
    }

    /** Counts how a case ended (applied, warned, error, ...). */
    public synchronized void outcome(String outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    /** What to put in an assertion message: the seed and the case, and how to replay it. */
    public String where(long n, String kind) {
        return name + " case " + n + " (" + kind + "), seed " + seed + "; replay with -Dhtmxws.seed=" + seed;
    }

    /**
     * Keeps the input of a failing case whole in {@code target/fuzz-failures/} (a report shows only its start) and
     * returns the failure with that file named.
     */
    public AssertionError failed(long n, String input, AssertionError failure) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Path file = dir.resolve(name + "-" + seed + "-" + n + ".txt");
            Files.writeString(file, input, StandardCharsets.UTF_8);
            AssertionError e = new AssertionError(
                failure.getMessage() + "\n(the whole input: " + file.toAbsolutePath() + ")",
                failure.getCause());
            e.setStackTrace(failure.getStackTrace());
            return e;
        } catch (IOException io) {
            return failure;
        }
    }

    /** Prints cases, the counts per kind and per outcome, and the throughput. */
    public synchronized void report() {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        System.out.printf(Locale.ROOT, "%s: %d cases in %.2f s (%.0f cases/s, %.2f MB/s of input)%n", name, cases,
            seconds,
            cases / seconds, bytes / seconds / 1e6);
        System.out.println(name + ": per kind " + kinds);
        if (!nanosPerKind.isEmpty()) {
            Map<String, String> ms = new TreeMap<>();
            nanosPerKind.forEach(
                (k, v) -> ms.put(k, String.format(Locale.ROOT, "%.1f ms", v / 1e6 / kinds.getOrDefault(k, 1L))));
            System.out.printf(Locale.ROOT, "%s: mean time per case %s; slowest %s, %.0f ms%n", name, ms, slowest,
                slowestNanos / 1e6);
        }
        if (!outcomes.isEmpty()) {
            System.out.println(name + ": outcomes " + outcomes);
        }
    }
}
