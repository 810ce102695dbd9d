package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.testing.LongTest;
import dev.htmxws.testing.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat of {@code htmxws serve}, as a real process with the launcher's serve flags and a fixed -Xmx, under load on
 * loopback: many WebSocket clients connect, then a few of them send numbered, time-stamped chat messages (the chat
 * page's ws-send JSON) at a steady rate; every client must receive every message, in the same order, and the figures
 * (delivery latency, messages delivered, the server's memory) are printed, never asserted against the clock. A few
 * more clients stop reading when the sending starts (slow clients): the others must not be held up by them.
 *
 * <p>The clients are the JDK's {@code java.net.http.WebSocket} on one shared {@code HttpClient}: one selector thread
 * and a small pool serve them all, where Java-WebSocket's client takes two threads per connection (2,000 threads
 * here, on top of the server's own, on a 2-core machine).
 *
 * <p>Settings: {@code -Dhtmxws.load.seconds} (default 12; the figures in bench/README.md are from runs of 60), {@code -Dhtmxws.load.clients} (1,000),
 * {@code -Dhtmxws.load.rate} (messages per second, 100), {@code -Dhtmxws.load.senders} (4),
 * {@code -Dhtmxws.load.stalled} (clients that stop reading, 10),
 * {@code -Dhtmxws.load.xmx} (the server's -Xmx, 512m).
 */
@LongTest
class ServeChatLoadTest {

    static final int SECONDS = Integer.getInteger("htmxws.load.seconds", 12);
    static final int CLIENTS = Integer.getInteger("htmxws.load.clients", 1000);
    static final int RATE = Integer.getInteger("htmxws.load.rate", 100);
    static final int SENDERS = Integer.getInteger("htmxws.load.senders", 4);
    /** Clients that stop reading when the sending starts, as a stuck browser tab would: the others must not notice. */
    static final int STALLED = Integer.getInteger("htmxws.load.stalled", 10);
    static final String XMX = System.getProperty("htmxws.load.xmx", "512m");
    /** Open files the server needs per client: the public socket, the front door's inner one, the WebSocket server's. */
    static final int SERVER_FDS_PER_CLIENT = 3;
    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) \\(WebSocket (ws://\\S+)\\)");
    private static final String MSG = "<p class=\"msg\">";
    /** serve's log line for a client its heartbeat dropped (no pong in time). */
    private static final Pattern DROPPED = Pattern.compile("^client \\d+ left: 1006");
    private static final String USERS = "<span id=\"users\" hx-swap-oob=\"true\">";

    @TempDir
    Path dir;

    @Test
    void everyClientGetsEveryMessageInOrder() throws Exception {
        long needed = (long) (CLIENTS + STALLED) * SERVER_FDS_PER_CLIENT + 200;
        long ownLimit = openFilesLimit("self");
        assertThat(ownLimit).as("open files allowed to this JVM (ulimit -n) for %,d client sockets", CLIENTS + STALLED)
            .isGreaterThan(CLIENTS + STALLED + 200L);

        Path err = dir.resolve("serve-stderr.txt");
        // the heartbeat drops a client whose pong is 1.5 intervals late: on a busy 2-core machine the 1,000 clients
        // in this JVM fall that far behind, and are alive; the stalled ones stay connected and unread
        List<String> cmd = ChildJvm.command(List.of("-Xmx" + XMX), "serve", "--port", "0", "--max-clients",
            Integer.toString(CLIENTS + STALLED), "--ping-interval", "10m");
        Process server = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        ExecutorService pool = Executors.newFixedThreadPool(2, daemon("load-client"));
        HttpClient http = HttpClient.newBuilder().executor(pool).build();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("load-sender"));
        List<ChatClient> clients = new ArrayList<>();
        LatencyHistogram latency = new LatencyHistogram();
        StringBuilder report = new StringBuilder();
        try {
            String wsUrl = awaitServing(server, err);
            long serverLimit = openFilesLimit(Long.toString(server.pid()));
            assertThat(serverLimit)
                .as("open files allowed to the server (the JVM raises its soft limit to the hard one)")
                .isGreaterThanOrEqualTo(needed);
            long idleRss = ChildJvm.rss(server.pid());

            long t0 = System.nanoTime();
            for (int from = 0; from < CLIENTS + STALLED; from += 100) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(CLIENTS + STALLED, from + 100); i++) {
                    ChatClient c = new ChatClient(i, latency);
                    clients.add(c);
                    batch.add(http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                        .buildAsync(URI.create(wsUrl), c).thenApply(ws -> c.ws = ws));
                }
                CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            }
            Progress.await("every client sees all " + (CLIENTS + STALLED) + " online (every join delivered)", () -> {
                assertThat(server.isAlive()).as("serve is running").isTrue();
                return clients.stream().allMatch(c -> c.online == CLIENTS + STALLED);
            }, () -> clients.stream().mapToLong(c -> c.online).sum(), Duration.ofSeconds(60));
            List<ChatClient> readers = clients.subList(0, CLIENTS);
            List<ChatClient> stalled = clients.subList(CLIENTS, CLIENTS + STALLED);
            stalled.forEach(c -> c.stalled = true);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            long connectedRss = ChildJvm.rss(server.pid());
            long connectedThreads = ChildJvm.threads(server.pid());

            long total = (long) RATE * SECONDS;
            Sender sender = new Sender(clients.subList(0, SENDERS), total);
            String loadBefore = loadAverage();
            long sendStart = System.nanoTime();
            double serverCpu0 = ChildJvm.cpuSeconds(Long.toString(server.pid()));
            double ownCpu0 = ChildJvm.cpuSeconds("self");
            var ticking = ticker.scheduleAtFixedRate(sender::tick, 0, 1_000_000_000L / RATE, TimeUnit.NANOSECONDS);
            // bounded by progress, not by the clock: a busy machine delivers later, a stuck server stops moving
            Progress.await("all " + total + " messages sent", () -> {
                assertThat(sender.failure.get()).as("a send failed").isNull();
                return sender.sent.get() >= total;
            }, sender.sent::get, Duration.ofSeconds(60));
            ticking.cancel(false);
            double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
            Progress.await("every client received every message", () -> {
                assertThat(server.isAlive()).as("serve is running").isTrue();
                return readers.stream().allMatch(c -> c.received >= total || c.failure != null);
            }, () -> readers.stream().mapToLong(c -> c.received).sum(), Duration.ofSeconds(60));
            double serverCpu = ChildJvm.cpuSeconds(Long.toString(server.pid())) - serverCpu0;
            double ownCpu = ChildJvm.cpuSeconds("self") - ownCpu0;
            long endRss = ChildJvm.rss(server.pid());
            long peakRss = ChildJvm.peakRss(server.pid());
            long liveHeap = ChildJvm.liveHeap(server.pid());

            long delivered = readers.stream().mapToLong(c -> c.received).sum();
            // a stalled client does not read its close either: the server's log says which it dropped
            long dropped = Files.readAllLines(err).stream().filter(l -> DROPPED.matcher(l).find()).count();
            report.append(String.format(Locale.ROOT,
                "%n== serve --demo chat under load: %,d clients, %d of them sending, %d msgs/s"
                    + " for %d s ==%nserver: %s (a child process); open files limit %,d (needs about %,d)%n"
                    + "connected %,d clients in %.1f s (every join delivered)%n"
                    + "sent %,d messages in %.1f s (%.1f msgs/s); delivered %,d of %,d (%,d clients x %,d)%n"
                    + "%,d more clients stopped reading when the sending started; the server's heartbeat dropped %,d clients%n"
                    + "delivery latency (send to receive): p50 %s, p99 %s, max %s (%,d samples)%n"
                    + "CPU while sending and delivering: server %.1f s (%.1f µs per delivered message), the %,d clients %.1f s%n"
                    + "server memory (VmRSS): idle %s, %,d clients connected %s, after the run %s, peak (VmHWM) %s;"
                    + " live heap after a full GC %s; threads with %,d clients: %,d%n"
                    + "load average (other work on the machine shows in the latency): %s before sending, %s after%n",
                CLIENTS, SENDERS, RATE, SECONDS, String.join(" ", cmd.subList(1, cmd.indexOf("-cp")))
                    + " … serve --port 0 --max-clients " + (CLIENTS + STALLED),
                serverLimit, needed,
                CLIENTS + STALLED, connectSeconds, total, sendSeconds, total / sendSeconds, delivered, total * CLIENTS,
                CLIENTS, total,
                STALLED, dropped,
                LatencyHistogram.ms(latency.quantileNanos(0.50)), LatencyHistogram.ms(latency.quantileNanos(0.99)),
                LatencyHistogram.ms(latency.maxNanos()), latency.count(),
                serverCpu, serverCpu * 1e6 / Math.max(1, delivered), CLIENTS, ownCpu,
                ChildJvm.mib(idleRss), CLIENTS + STALLED, ChildJvm.mib(connectedRss), ChildJvm.mib(endRss),
                ChildJvm.mib(peakRss), ChildJvm.mib(liveHeap), CLIENTS + STALLED, connectedThreads, loadBefore,
                loadAverage()));
            System.out.print(report);

            ChatClient first = clients.get(0);
            for (ChatClient c : readers) {
                assertThat(c.failure).as("client %d", c.id).isNull();
                assertThat(c.received).as("messages client %d received", c.id).isEqualTo(total);
                assertThat(c.order).as("client %d got the messages in the order client 0 got them", c.id)
                    .isEqualTo(first.order);
            }
            assertThat(delivered).isEqualTo(total * CLIENTS);
            assertThat(server.isAlive()).isTrue();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + report + "--- serve's stderr (end)\n" + ChildJvm.tail(err),
                e);
        } finally {
            ticker.shutdownNow();
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            clients.stream().filter(c -> c.ws != null).forEach(c -> c.ws.abort());
            pool.shutdownNow();
        }
    }

    /**
     * Sends message 1, 2, 3, … in turn through each sending client, as the chat page's ws-send form would: the JSON
     * of its fields, the text carrying the sender, its own sequence number and the send time.
     */
    private static final class Sender {
        final AtomicLong sent = new AtomicLong();
        final AtomicReference<String> failure = new AtomicReference<>();
        private final List<ChatClient> senders;
        private final long total;
        private final long[] seq;

        Sender(List<ChatClient> senders, long total) {
            this.senders = senders;
            this.total = total;
            this.seq = new long[senders.size()];
        }

        void tick() {
            long i = sent.get();
            if (i >= total || failure.get() != null) {
                return;
            }
            int s = (int) (i % senders.size());
            long n = ++seq[s];
            String json = "{\"chat_message\":\"load s=" + s + " n=" + n + " t=" + System.nanoTime()
                + "\",\"name\":\"sender-" + s
                + "\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":\"chat-form\"}}";
            try {
                senders.get(s).ws.sendText(json, true).get(10, TimeUnit.SECONDS); // one send at a time per socket
                sent.incrementAndGet();
            } catch (Exception e) {
                failure.compareAndSet(null, "sending message " + (i + 1) + ": " + e);
            }
        }
    }

    /**
     * One chat client: counts the chat messages it receives, checks each sender's numbers come one after the other,
     * keeps a fingerprint of the order of all of them (to compare with the other clients) and records their latency.
     */
    private static final class ChatClient implements WebSocket.Listener {
        final int id;
        volatile WebSocket ws;
        /** Reads no more frames (the first one after this is set is taken, then nothing). */
        volatile boolean stalled;
        volatile int online;
        volatile long received;
        volatile String failure;
        /** A running hash of (sender, number) in the order received. */
        volatile long order = 17;
        private final LatencyHistogram latency;
        private final long[] next = new long[SENDERS];
        private final StringBuilder partial = new StringBuilder();

        ChatClient(int id, LatencyHistogram latency) {
            this.id = id;
            this.latency = latency;
            java.util.Arrays.fill(next, 1);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            if (!last) {
                partial.append(data);
            } else {
                String frame = partial.length() == 0 ? data.toString() : partial.append(data).toString();
                partial.setLength(0);
                frame(frame, now);
            }
            if (!stalled) {
                webSocket.request(1);
            }
            return null;
        }

        private void frame(String frame, long now) {
            int users = frame.indexOf(USERS);
            if (users >= 0) {
                int from = users + USERS.length();
                online = Integer.parseInt(frame.substring(from, frame.indexOf(' ', from)));
            }
            int msg = frame.indexOf(MSG);
            int load = msg < 0 ? -1 : frame.indexOf(": load s=", msg);
            if (load < 0) {
                return; // a join or leave notice, a snapshot
            }
            String[] f = frame.substring(load + 2, frame.indexOf("</p>", load)).split(" ");
            int s = Integer.parseInt(f[1].substring(2));
            long n = Long.parseLong(f[2].substring(2));
            long sentAt = Long.parseLong(f[3].substring(2));
            if (n != next[s] && failure == null) {
                failure = "client " + id + " got message " + n + " of sender " + s + " where " + next[s] + " was due";
            }
            next[s] = n + 1;
            order = order * 1_000_003 + s * 1_000_000_007L + n;
            latency.record(now - sentAt);
            received++;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (failure == null) {
                failure = "client " + id + " closed by the server: " + statusCode + " " + reason;
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (failure == null) {
                failure = "client " + id + ": " + error;
            }
        }
    }

    private static String awaitServing(Process server, Path err) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        AtomicReference<String> line = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                line.set(out.readLine());
            } catch (IOException e) {
                line.set("(stdout: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
        await("serve prints where it serves").atMost(Duration.ofSeconds(30))
            .until(() -> line.get() != null || !server.isAlive());
        Matcher m = SERVING.matcher(String.valueOf(line.get()));
        assertThat(m.find()).as("serve's first line: %s; stderr: %s", line.get(), ChildJvm.tail(err)).isTrue();
        return m.group(2);
    }

    /** The 1-minute load average of the machine. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** The soft limit on open files of a process ("self" for this one), from /proc/PID/limits. */
    private static long openFilesLimit(String pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", pid, "limits"))) {
            if (l.startsWith("Max open files")) {
                String soft = l.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        throw new IOException("no open files limit in /proc/" + pid + "/limits");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
