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

    /**
     * Node's {@code ws} terminates a connection that sends more pings than it holds unanswered; htmxws pings to
     * confirm delivery, and keeps one ping in flight however fast the frames go out.
     */
    @Test
    void aBurstPingsNoFasterThanTheServerAnswers() throws Exception {
        PingBoundServer bound = new PingBoundServer(60);
        ws = TestWsServer.launch(bound);
        int count = 100_000;
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            input.append("msg-").append(i).append('\n');
        }
        System.setIn(new java.io.ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)));
        CliResult r = CliResult.run("send", "--stdin", "--timeout", "60s", ws.url("/"));
        System.out.printf("%n[burst: %,d lines through send --stdin, a server that answers a ping every %d ms and"
            + " ends the connection at %d unanswered]%n  pings it saw %,d, most unanswered at once %d; exit %d%n",
            count, PingBoundServer.PONG_EVERY_MS, bound.limit, bound.pings.get(), bound.mostPending.get(), r.code());
        assertThat(r.code()).as(tail(r)).isZero();
        assertThat(bound.terminated.get()).as("the server ended the connection over unanswered pings").isFalse();
        List<String> got = new ArrayList<>();
        TestWsServer.Frame f;
        while (got.size() < count && (f = ws.nextFrame(5)) != null) {
            got.add(f.text());
        }
        assertThat(got).as("every line once, in order").hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(got.get(i)).isEqualTo("msg-" + (i + 1));
        }
        assertThat(ws.nextFrame(0)).as("nothing twice").isNull();
        assertThat(bound.pings.get()).as("delivery was confirmed by pings").isPositive();
    }

    /** Answers pings one at a time, slowly, and terminates a connection holding more than {@code limit}. */
    private static final class PingBoundServer extends TestWsServer {
        static final int PONG_EVERY_MS = 10;
        final int limit;
        final AtomicInteger pings = new AtomicInteger();
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger mostPending = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean terminated = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.ScheduledExecutorService ponger = Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ping-bound-server");
                t.setDaemon(true);
                return t;
            });

        PingBoundServer(int limit) {
            this.limit = limit;
        }

        @Override
        public void onWebsocketPing(org.java_websocket.WebSocket conn, org.java_websocket.framing.Framedata f) {
            pings.incrementAndGet();
            int now = pending.incrementAndGet();
            mostPending.accumulateAndGet(now, Math::max);
            if (now > limit) {
                terminated.set(true);
                conn.closeConnection(org.java_websocket.framing.CloseFrame.ABNORMAL_CLOSE, "too many pings");
                return;
            }
            org.java_websocket.framing.PongFrame pong = new org.java_websocket.framing.PongFrame(
                (org.java_websocket.framing.PingFrame) f);
            // pongs leave one at a time, PONG_EVERY_MS apart, behind the ones already waiting
            ponger.schedule(() -> {
                pending.decrementAndGet();
                if (conn.isOpen()) {
                    conn.sendFrame(pong);
                }
                sleepQuietly(PONG_EVERY_MS);
            }, 0, TimeUnit.MILLISECONDS);
        }

        @Override
        public void stop(int timeout) throws InterruptedException {
            ponger.shutdownNow();
            super.stop(timeout);
        }
    }

    private static void sleepQuietly(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
