package dev.htmxws.net;

import static org.assertj.core.api.Assertions.fail;

import dev.htmxws.sse.SseEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Writes down every listener call as one line, in order, and lets a test wait (with a timeout) for one. */
final class Recorder implements SseClient.Listener {

    static final long WAIT_SECONDS = 10;

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<SseEvent> events = new CopyOnWriteArrayList<>();
    final BlockingQueue<Long> commentTotals = new LinkedBlockingQueue<>();
    final CountDownLatch closed = new CountDownLatch(1);
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();

    private void add(String line) {
        threads.add(Thread.currentThread());
        log.add(line);
        pending.add(line);
    }

    @Override
    public void redirected(int status, URI from, URI to) {
        add("redirected " + status + " " + to);
    }

    @Override
    public void opened(int status, String contentType) {
        add("opened " + status + " " + contentType);
    }

    @Override
    public void event(SseEvent event) {
        events.add(event);
        add("event " + event.type() + " id=" + event.lastEventId() + " " + event.data());
    }

    @Override
    public void comments(long total) {
        commentTotals.add(total);
        add("comments " + total);
    }

    @Override
    public void reconnecting(int attempt, long delayMillis, String lastEventId, String reason) {
        add("reconnecting " + attempt + " after " + delayMillis + " ms id=" + lastEventId + ": " + reason);
    }

    @Override
    public void failed(String message) {
        add("failed " + message);
    }

    @Override
    public void closed() {
        add("closed");
        closed.countDown();
    }

    /** Waits for the next line that matches, skipping others; fails after {@link #WAIT_SECONDS}. */
    String await(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : pending.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                return fail("no such listener call within " + WAIT_SECONDS + " s; log so far: " + log);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    String awaitStarting(String prefix) throws InterruptedException {
        return await(l -> l.startsWith(prefix));
    }

    /** Waits for {@code closed()}, then returns the whole log. */
    List<String> awaitClosed() throws InterruptedException {
        if (!closed.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("closed() not called within " + WAIT_SECONDS + " s; log so far: " + log);
        }
        return new ArrayList<>(log);
    }

    /** The log without comment counts (their number depends on how the bytes were split into reads). */
    List<String> withoutComments() {
        return log.stream().filter(l -> !l.startsWith("comments ")).toList();
    }
}
