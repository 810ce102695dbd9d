package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.RawTcpServer;
import dev.htmxws.net.TestWsServer;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that reads slowly, or not at all: {@code send --stdin} holds at most --max-queue messages that the
 * socket has not written, so the producer is slowed down instead of htmxws's memory growing, and a server that
 * stopped reading ends the run with an error that names what was not delivered.
 */
@LongTest
class BackPressureTest {

    private static final String KB = "x".repeat(1000);

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "back-pressure-test");
        t.setDaemon(true);
        return t;
    });
    private final InputStream stdin = System.in;
    private TestWsServer ws;

    @AfterEach
    void restore() throws InterruptedException {
        System.setIn(stdin);
        pool.shutdownNow();
        if (ws != null) {
            ws.stop(1000);
        }
    }

    @Test
    void aServerThatStopsReadingStopsTheReaderAndEndsWithAnError() throws Exception {
        int offered = 200_000; // 200 MB of 1 kB lines: far more than fits in memory it must not use
        try (RawTcpServer stalled = RawTcpServer.stalledAfterUpgrade()) {
            PipedOutputStream lines = new PipedOutputStream();
            System.setIn(new PipedInputStream(lines, 1 << 16));
            Future<CliResult> run = pool
                .submit(() -> CliResult.run("send", "--stdin", "--max-queue", "100", "--timeout",
                    "2s", "ws://127.0.0.1:" + stalled.port() + "/"));
            AtomicInteger written = new AtomicInteger();
            Future<?> producer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= offered; i++) {
                        lines.write((i + " " + KB + "\n").getBytes(StandardCharsets.UTF_8));
                        written.set(i);
                    }
                    lines.close();
                } catch (IOException e) {
                    // htmxws stopped reading and ended: the pipe broke
                }
                return null;
            });
            CliResult r = run.get(60, TimeUnit.SECONDS);
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            producer.cancel(true);
            long named = r.err().lines().filter(l -> l.startsWith("delivery uncertain: ") || l.startsWith("not sent"))
                .count();
            System.out
                .printf("%n[back-pressure: a server that stopped reading, --max-queue 100]%n  lines the producer got"
                    + " into the pipe %,d of %,d offered (1 kB each); named as not delivered %,d; exit %d; heap in use"
                    + " after the run %,d MB%n", written.get(), offered, named, r.code(), heap >> 20);
            assertThat(r.code()).as(tail(r)).isEqualTo(ExitCode.IO);
            assertThat(r.err()).as(tail(r)).contains("(--max-queue 100): the server stopped reading");
            assertThat(named).as("every frame handed to the socket is named " + tail(r)).isPositive();
            // what left the producer sits in the pipe, htmxws's queue or the kernel's socket buffers: bounded
            assertThat(written.get()).as("lines taken in while the server read nothing").isLessThan(20_000);
        }
    }

    @Test
    void aSlowServerGetsEveryMessageInOrder() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (c, t) -> sleepQuietly(); // about a millisecond a message
        int count = 2_000;
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            input.append(i).append(' ').append(KB).append('\n');
        }
        System.setIn(new java.io.ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)));
        CliResult r = CliResult.run("send", "--stdin", "--max-queue", "10", "--timeout", "60s", ws.url("/"));
        assertThat(r.code()).as(tail(r)).isZero();
        List<Integer> got = new ArrayList<>();
        TestWsServer.Frame f;
        while (got.size() < count && (f = ws.nextFrame(5)) != null) {
            got.add(Integer.parseInt(f.text().substring(0, f.text().indexOf(' '))));
        }
        assertThat(got).hasSize(count).isSorted();
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(CliResult r) {
        String err = r.err();
        return "exit " + r.code() + "\n--- stderr (end)\n" + err.substring(Math.max(0, err.length() - 3000));
    }
}
