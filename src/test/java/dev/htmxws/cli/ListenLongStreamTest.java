package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.net.TestWsServer;
import dev.htmxws.testing.LongTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htmxws listen} over long streams, as a real process with the launcher's JVM flags and a fixed -Xmx: a
 * Java-WebSocket server on loopback streams numbered messages as fast as the client reads them, and pauses at ten
 * checkpoints until the client has printed every message so far; there the process's resident memory (VmRSS) is
 * read. Without a page, and with a page whose messages replace one element by id, it stays flat; with a page whose
 * messages append to a list, the heap grows by what the page holds and nothing else. Every message comes out once,
 * in order. Counts: {@code -Dhtmxws.stream.messages} (no page, default 1,000,000), {@code -Dhtmxws.stream.replace}
 * (default 200,000), {@code -Dhtmxws.stream.append} (default 100,000). Figures are printed, never timed.
 */
@LongTest
class ListenLongStreamTest {

    static final int MESSAGES = Integer.getInteger("htmxws.stream.messages", 1_000_000);
    static final int REPLACE_MESSAGES = Integer.getInteger("htmxws.stream.replace", 200_000);
    /** A page that grows is kept smaller: each list item is a few hundred bytes of DOM. */
    static final int APPEND_MESSAGES = Integer.getInteger("htmxws.stream.append", 100_000);
    static final double FLAT = 0.20;
    /**
     * What a page built message by message may hold per message beyond the same page parsed in one go: jsoup gives
     * every parse its own tag objects, so each appended element keeps a 32-byte {@code Tag} of its own.
     */
    static final int BEYOND_PAGE = 64;
    /** A small page around the socket: a list to append to and an element to replace. */
    static final String PAGE_BODY = "<ul id=\"list\"></ul><p id=\"last\"></p>";
    private static final Pattern NUMBER = Pattern.compile(" n=(\\d+) ");
    private static final Pattern GC = Pattern.compile("(\\d+[KMG])->(\\d+[KMG])\\((\\d+[KMG])\\)");

    @TempDir
    Path dir;
    TestWsServer ws;

    @BeforeEach
    void server() throws Exception {
        ws = TestWsServer.launch();
    }

    @AfterEach
    void stop() throws Exception {
        ws.close();
    }

    @Test
    void rawStreamWithoutAPageKeepsAFlatMemoryProfile() throws Exception {
        Run r = listen("raw stream, no page", "64m", n -> "<div id=\"log\" hx-swap-oob=\"beforeend\"><p> n=" + n + " "
            + "x".repeat(140) + "</p></div>", MESSAGES, null, false);
        r.print();
        r.assertFlat();
    }

    @Test
    void pageWhoseMessagesReplaceAnElementByIdKeepsAFlatMemoryProfile() throws Exception {
        Run r = listen("page, every message replaces #last", "64m",
            n -> "<p id=\"last\" hx-swap-oob=\"true\"> n=" + n + " "
                + "x".repeat(140) + "</p>",
            REPLACE_MESSAGES, page(PAGE_BODY), false);
        r.print();
        r.assertFlat();
    }

    /**
     * The page after N appends is then given to a second listen as its starting page: both hold the same page, so
     * both must hold about the same live heap; whatever the first holds beyond it, it kept from the messages.
     */
    @Test
    void pageWhoseMessagesAppendGrowsWithThePageOnly() throws Exception {
        LongFunction<String> item = n -> "<ul id=\"list\" hx-swap-oob=\"beforeend\"><li> n=" + n + " </li></ul>";
        Run built = listen("page, every message appends to #list", "512m", item, APPEND_MESSAGES, page(PAGE_BODY),
            true);
        built.print();
        long items = APPEND_MESSAGES + 1L;
        String grown = Files.readString(built.domOut);
        assertThat(grown.split("<li>", -1).length - 1L).as("list items in the final page").isEqualTo(items);

        Run loaded = listen("the same page loaded, one more append", "512m", item, items, 1, page(grown), true);
        loaded.print();

        Sample first = built.samples.get(0);
        Sample last = built.samples.get(built.samples.size() - 1);
        double perMessage = (double) (last.liveHeap - first.liveHeap) / (last.messages - first.messages);
        double perMessageRss = (double) (last.rss - first.rss) / (last.messages - first.messages);
        long builtLive = last.liveHeap;
        long loadedLive = loaded.samples.get(0).liveHeap;
        double beyondPage = (double) (builtLive - loadedLive) / items;
        System.out.printf(Locale.ROOT,
            "append: the live heap grows %.0f bytes/message, VmRSS %.0f bytes/message (from %,d"
                + " to %,d messages)%nlive heap with the page built by %,d appends: %s; with the same page loaded: %s;"
                + " held beyond the page: %.0f bytes/message (limit %d)%n",
            perMessage, perMessageRss, first.messages,
            last.messages, items, ChildJvm.mib(builtLive), ChildJvm.mib(loadedLive), beyondPage, BEYOND_PAGE);
        assertThat(perMessage).as("the page grows with each item").isPositive();
        assertThat(beyondPage).as("bytes per message held beyond what the same page holds when loaded")
            .isLessThanOrEqualTo(BEYOND_PAGE);
    }

    private Path page(String body) throws IOException {
        Path page = Files.createTempFile(dir, "page", ".html");
        // a page written by --dom-out names the socket it was built from; this run's server is the same
        Files.writeString(page, body.contains("<html") ? body
            : "<!DOCTYPE html><html><body><div hx-ext=\"ws\" ws-connect=\"" + ws.url("/") + "\">" + body
                + "</div></body></html>");
        return page;
    }

    /** The figures at a checkpoint; liveHeap is -1 unless measured (after a full GC). */
    record Sample(long messages, long rss, String lastGc, long liveHeap) {
    }

    record Run(String name, List<Sample> samples, double msgsPerSecond, Path domOut) {

        long rssAt(int index) {
            return samples.get(index).rss;
        }

        void print() {
            StringBuilder b = new StringBuilder("\n== listen long stream: " + name + " ==\n");
            b.append(String.format(Locale.ROOT, "%12s  %12s  %-26s  %s%n", "messages", "VmRSS", "heap at the last GC",
                "live heap (after a full GC)"));
            for (Sample s : samples) {
                b.append(
                    String.format(Locale.ROOT, "%,12d  %12s  %-26s  %s%n", s.messages, ChildJvm.mib(s.rss), s.lastGc,
                        s.liveHeap < 0 ? "" : ChildJvm.mib(s.liveHeap)));
            }
            b.append(String.format(Locale.ROOT, "rate: %,.0f msgs/s (checkpoint pauses included)%n", msgsPerSecond));
            System.out.print(b);
        }

        void assertFlat() {
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            double ratio = (double) last.rss / first.rss;
            System.out.printf(Locale.ROOT, "VmRSS at %,d / at %,d messages: %.3f (flat: within %.0f %%)%n",
                last.messages,
                first.messages, ratio, FLAT * 100);
            assertThat(ratio).as("VmRSS at %,d vs %,d messages", last.messages, first.messages).isBetween(1 - FLAT,
                1 + FLAT);
        }
    }

    /**
     * Runs {@code listen --format raw} on {@code total} messages (plus one after the last checkpoint, for --count to
     * end the process), reading VmRSS at ten checkpoints (and the live heap at the first and last when asked);
     * {@code page} null for no page. Asserts every message printed once in order and exit code 0.
     */
    private Run listen(String name, String xmx, LongFunction<String> message, int total, Path page, boolean live)
        throws Exception {
        return listen(name, xmx, message, 0, total, page, live);
    }

    /** The same, numbering the messages from {@code before + 1}. */
    private Run listen(String name, String xmx, LongFunction<String> message, long before, int total, Path page,
        boolean live) throws Exception {
        Path gcLog = Files.createTempFile(dir, "gc", ".log");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Path domOut = Files.createTempFile(dir, "final", ".html");
        Streamer streamer = new Streamer(n -> message.apply(before + n), total + 1);
        ws.onConnect = streamer::start;
        List<String> args = new ArrayList<>(List.of("listen", "--format", "raw", "--no-reconnect",
            "--count", Integer.toString(total + 1)));
        if (page != null) {
            args.addAll(List.of("--htmx", "2", "--page", page.toString(), "--dom-out", domOut.toString()));
        } else {
            args.add(ws.url("/"));
        }
        List<String> cmd = ChildJvm.command(List.of("-Xmx" + xmx, "-Xlog:gc:file=" + gcLog),
            args.toArray(String[]::new));
        String flags = String.join(" ", cmd.subList(1, cmd.indexOf("-cp"))).replace(gcLog.toString(), "gc.log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        LineChecker lines = new LineChecker(p, before);
        try {
            List<Sample> samples = new ArrayList<>();
            long started = System.nanoTime();
            int checkpoints = Math.min(10, total);
            for (int i = 1; i <= checkpoints; i++) {
                long checkpoint = (long) total * i / checkpoints;
                streamer.allowed.set(checkpoint);
                await("listen printed " + checkpoint + " messages").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(20))
                    .failFast("listen failed or ended early", () -> lines.failure.get() != null || !p.isAlive())
                    .until(() -> lines.count.get() >= checkpoint);
                long rss = ChildJvm.rss(p.pid());
                String gc = lastGc(gcLog);
                long liveHeap = live && (i == 1 || i == checkpoints) ? ChildJvm.liveHeap(p.pid()) : -1;
                samples.add(new Sample(checkpoint, rss, gc, liveHeap));
            }
            double rate = total / ((System.nanoTime() - started) / 1e9);
            streamer.allowed.set(total + 1);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("listen ends after --count messages").isTrue();
            lines.join(30_000);
            assertThat(lines.failure.get()).as("every message once, in order").isNull();
            assertThat(lines.count.get()).isEqualTo(total + 1);
            assertThat(p.exitValue()).as("exit code").isZero();
            return new Run(name + " (" + flags + ")", samples, rate, domOut);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- listen's stderr\n" + ChildJvm.tail(err) + "\n--- lines: "
                + lines.count.get() + ", failure: " + lines.failure.get(), e);
        } finally {
            streamer.stop = true;
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The heap before and after the JVM's most recent collection (and its size), from its GC log. */
    private static String lastGc(Path log) throws IOException {
        List<String> all = Files.readAllLines(log);
        for (int i = all.size() - 1; i >= 0; i--) {
            Matcher m = GC.matcher(all.get(i));
            if (m.find()) {
                return m.group(1) + "->" + m.group(2) + " (" + m.group(3) + ")";
            }
        }
        return "no GC yet";
    }

    /** Reads the process's stdout: one line per message, numbered on from before + 1 (the first gap or repeat is kept). */
    private static final class LineChecker extends Thread {
        final AtomicLong count = new AtomicLong();
        final AtomicReference<String> failure = new AtomicReference<>();
        private final Process p;
        private final long before;

        LineChecker(Process p, long before) {
            super("listen-stdout");
            this.p = p;
            this.before = before;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try (
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8),
                    1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    long expected = before + count.get() + 1;
                    Matcher m = NUMBER.matcher(line);
                    if (failure.get() == null && (!m.find() || Long.parseLong(m.group(1)) != expected)) {
                        failure.set("line " + (count.get() + 1) + " is not message " + expected + ": " + line);
                    }
                    count.incrementAndGet();
                }
            } catch (IOException e) {
                failure.compareAndSet(null, "reading listen's output: " + e);
            }
        }
    }

    /**
     * Sends messages 1..total on a connection as fast as the client takes them (at most a few hundred frames wait in
     * the server's queue), but never past {@link #allowed}.
     */
    private static final class Streamer {
        final AtomicLong allowed = new AtomicLong();
        volatile boolean stop;
        private final LongFunction<String> message;
        private final long total;

        Streamer(LongFunction<String> message, long total) {
            this.message = message;
            this.total = total;
        }

        void start(WebSocket conn) {
            Thread t = new Thread(() -> run((WebSocketImpl) conn), "streamer");
            t.setDaemon(true);
            t.start();
        }

        private void run(WebSocketImpl conn) {
            try {
                for (long n = 1; n <= total; n++) {
                    while ((n > allowed.get() || conn.outQueue.size() >= 256) && !stop && conn.isOpen()) {
                        LockSupport.parkNanos(100_000); // keeping pace with the reader, not a test wait
                    }
                    if (stop || !conn.isOpen()) {
                        return;
                    }
                    conn.send(message.apply(n));
                }
            } catch (WebsocketNotConnectedException e) {
                // the client went away: the test reports what it got
            }
        }
    }
}
