package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.net.RestartingWsServer;
import dev.htmxws.testing.LongTest;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10,000 numbered messages through {@code send --stdin} and through a {@code connect} script, while the
 * server restarts itself 10 times (half dropping TCP, half closing with 1012). What the server read, plus
 * what htmxws named as not surely delivered, must be every message: none lost silently, none duplicated,
 * the order kept. Prints the figures.
 */
@LongTest
class ReconnectUnderFaultsTest {

    private static final int MESSAGES = 10_000;
    private static final int RESTARTS = 10;
    private static final Pattern NAMED = Pattern
        .compile("(?:delivery uncertain|not sent[^:]*(?:: [^:]+)?): (?:/raw )?(\\d+)\\b");

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faults-test");
        t.setDaemon(true);
        return t;
    });
    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
        pool.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"send --stdin", "connect script"})
    void nothingIsLostDuplicatedOrReorderedWhileTheServerRestarts(String how) throws Exception {
        long seed = Long.getLong("htmxws.seed", System.nanoTime());
        try (RestartingWsServer server = new RestartingWsServer(RESTARTS, seed)) {
            PipedOutputStream lines = new PipedOutputStream();
            System.setIn(new PipedInputStream(lines, 1 << 16));
            String[] args = how.startsWith("send")
                ? new String[] {"send", "--stdin", "--format", "raw", "--timeout", "120s", server.url()}
                : new String[] {"connect", "--timeout", "60s", server.url()};
            long started = System.nanoTime();
            Future<CliResult> run = pool.submit(() -> CliResult.run(args));
            // the messages trickle in, so that the restarts fall among them rather than after a burst
            for (int i = 1; i <= MESSAGES; i++) {
                // the restarts keep pace with the stream, whatever the machine's load: all of them fall among the messages
                int due = (int) ((long) i * (RESTARTS + 1) / MESSAGES) - 1;
                if (due > server.restartsDone.size()) {
                    lines.flush();
                    int restarts = due;
                    if (!awaitRestarts(server, restarts)) {
                        lines.close(); // the run ends; what it printed says why it stopped reconnecting
                        CliResult stalled = run.get(180, TimeUnit.SECONDS);
                        throw new AssertionError(
                            "seed " + seed + ": restart " + (restarts + 1) + " never came: the client"
                                + " made " + server.connections.get() + " connections, the server read "
                                + server.received.size()
                                + " messages by message " + i + "\n" + connectionLines(stalled));
                    }
                }
                lines.write(((how.startsWith("send") ? "" : "/raw ") + i + "\n").getBytes(StandardCharsets.UTF_8));
                if (i % 10 == 0) {
                    lines.flush();
                    Thread.sleep(10); // about 1,000 messages a second: the stream outlasts the restarts
                }
            }
            lines.close();
            CliResult r = run.get(180, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;

            List<Integer> read = new ArrayList<>();
            server.received.forEach(t -> read.add(Integer.parseInt(t)));
            Set<Integer> named = new HashSet<>();
            Matcher m = NAMED.matcher(r.err() + r.out());
            while (m.find()) {
                named.add(Integer.parseInt(m.group(1)));
            }
            Set<Integer> distinct = new HashSet<>(read);
            List<Integer> lost = new ArrayList<>();
            for (int i = 1; i <= MESSAGES; i++) {
                if (!distinct.contains(i) && !named.contains(i)) {
                    lost.add(i);
                }
            }
            boolean ordered = true;
            for (int i = 1; i < read.size(); i++) {
                ordered &= read.get(i) > read.get(i - 1);
            }
            System.out.printf("%n[reconnect under faults: %s, seed %d]%n  messages %d, restarts %d (%d dropped TCP,"
                + " %d closed 1012), connections %d%n  read by the server %d, duplicated %d, named as not surely"
                + " delivered %d (of which the server did read %d), lost silently %d, order kept %s%n"
                + "  exit %d, %.1f s%n",
                how, seed, MESSAGES, server.restartsDone.size(), server.restarts(RestartingWsServer.Kind.DROP_TCP),
                server.restarts(RestartingWsServer.Kind.CLOSE_1012), server.connections.get(), read.size(),
                read.size() - distinct.size(), named.size(), named.stream().filter(distinct::contains).count(),
                lost.size(), ordered, r.code(), seconds);

            String context = "seed " + seed + " (replay with -Dhtmxws.seed=" + seed + ")\n" + tail(r);
            assertThat(server.restartsDone).as(context).hasSize(RESTARTS);
            assertThat(lost).as("lost without a word; " + context).isEmpty();
            assertThat(read.size() - distinct.size()).as("duplicated; " + context).isZero();
            assertThat(ordered).as("order kept; " + context).isTrue();
            assertThat(r.code()).as(context).isEqualTo(named.isEmpty() ? ExitCode.OK : ExitCode.IO);
        }
    }

    /** Whether the server restarted that often within two minutes (it restarts a while after each connection). */
    private static boolean awaitRestarts(RestartingWsServer server, int restarts) {
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> server.restartsDone.size() >= restarts);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** What the run said about its connections, without the lines about each message. */
    private static String connectionLines(CliResult r) {
        return "exit " + r.code() + "\n--- stderr (connections)\n" + r.err().lines()
            .filter(l -> !l.startsWith("not sent") && !l.startsWith("delivery uncertain") && !l.startsWith("> ")
                && !l.startsWith("warning: queued"))
            .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The end of the run's output: enough to see why, not 10,000 lines. */
    private static String tail(CliResult r) {
        String err = r.err();
        return "exit " + r.code() + "\n--- stderr (end)\n" + err.substring(Math.max(0, err.length() - 4000));
    }

}
