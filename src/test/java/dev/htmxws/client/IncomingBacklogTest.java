package dev.htmxws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.net.TestWsServer;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.PageEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.java_websocket.WebSocketImpl;
import org.junit.jupiter.api.Test;

/** The bound on incoming messages waiting for a session's loop, alone and over a real socket. */
class IncomingBacklogTest {

    @Test
    void aSocketThreadWaitsPastTheLimitUntilTheLoopTakesMessages() throws Exception {
        IncomingBacklog b = new IncomingBacklog();
        int first = b.admit(IncomingBacklog.LIMIT / 2);
        int second = b.admit(IncomingBacklog.LIMIT / 2 - 200);
        AtomicInteger third = new AtomicInteger(-1);
        Thread socket = new Thread(() -> third.set(b.admit(1000)));
        socket.start();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> third.get() == -1);

        b.taken(first);

        await().atMost(Duration.ofSeconds(5)).until(() -> third.get() > 0);
        b.taken(second);
        b.taken(third.get());
        assertThat(b.admit(IncomingBacklog.LIMIT * 3)).as("a message larger than the bound passes alone")
            .isEqualTo(IncomingBacklog.LIMIT);
    }

    @Test
    void closingLetsEveryWaitingSocketThreadThrough() throws Exception {
        IncomingBacklog b = new IncomingBacklog();
        b.admit(IncomingBacklog.LIMIT);
        CountDownLatch through = new CountDownLatch(1);
        Thread socket = new Thread(() -> {
            b.admit(10);
            through.countDown();
        });
        socket.start();
        assertThat(through.await(200, TimeUnit.MILLISECONDS)).as("waiting while the bound is used up").isFalse();

        b.close();

        assertThat(through.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(b.admit(IncomingBacklog.LIMIT)).as("no wait once closed").isZero();
    }

    /**
     * A server bursts 80 MiB while the session's loop is stuck on the first message: the socket stops being read, so
     * most frames stay in the server's queue (TCP pushes back; loopback buffers here take up to 32 MiB + 4 MiB)
     * instead of piling up in the client's memory; once the loop runs again every message arrives, in order.
     */
    @Test
    void aStuckLoopPushesBackOnTheServerAndLosesNothing() throws Exception {
        int count = 80_000;
        String pad = "x".repeat(1000);
        try (TestWsServer ws = TestWsServer.launch()) {
            ws.onConnect = c -> {
                for (int i = 1; i <= count; i++) {
                    c.send(i + " " + pad);
                }
            };
            CountDownLatch unstick = new CountDownLatch(1);
            List<String> got = new ArrayList<>();
            AtomicReference<Throwable> loopFailure = new AtomicReference<>();
            LiveSession session = new LiveSession(Dialect.HTMX2,
                PageSource.standIn(Dialect.HTMX2, ws.url("/"), "", null).dom(),
                WsOptions.defaults(), 0, LiveSession.Messages.TEXT, e -> {
                    if (e instanceof LiveEvent.Page p && p.event() instanceof PageEvent.Received r) {
                        got.add(r.text().substring(0, r.text().indexOf(' ')));
                        if (got.size() == 1) {
                            awaitQuietly(unstick); // the loop is stuck here, as behind a slow swap
                        }
                    }
                });
            Thread loop = new Thread(() -> {
                try {
                    session.start();
                    session.runUntil(() -> got.size() == count, 60_000);
                } catch (Throwable t) {
                    loopFailure.set(t);
                }
            });
            loop.start();
            try {
                assertThat(ws.awaitConnections(1, 10)).isTrue();
                WebSocketImpl conn = (WebSocketImpl) ws.latest();
                await("the server still holds frames while the client's loop is stuck").during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5)).until(() -> conn.outQueue.size() > count / 4);

                unstick.countDown();

                loop.join(60_000);
                assertThat(loopFailure.get()).isNull();
                assertThat(got).hasSize(count);
                for (int i = 0; i < count; i++) {
                    assertThat(got.get(i)).isEqualTo(Integer.toString(i + 1));
                }
            } finally {
                unstick.countDown();
                session.close();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch l) {
        try {
            l.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
