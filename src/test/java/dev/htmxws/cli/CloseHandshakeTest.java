package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.RawTcpServer;
import dev.htmxws.net.TestWsServer;
import dev.htmxws.testing.LongTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The closing handshake must prove that the server read every frame: a server that keeps pushing while
 * it reads slowly is where a client that stops reading at its own close loses frames and still exits 0.
 */
class CloseHandshakeTest {

    private TestWsServer ws;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ticker");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        if (ws != null) {
            ws.stop(1000);
        }
    }

    @RepeatedTest(5)
    void everyFrameIsReadBeforeSendReportsSuccessWhileTheServerKeepsPushing() throws Exception {
        ws = TestWsServer.launch();
        ws.onConnect = c -> ticker.scheduleAtFixedRate(() -> {
            if (c.isOpen()) {
                c.send("<div id=\"tick\" hx-swap-oob=\"true\">tick</div>");
            }
        }, 0, 2, TimeUnit.MILLISECONDS);
        ws.onFrame = (c, t) -> sleep(150); // a slow reader: later frames wait in its socket buffer
        InputStream old = System.in;
        CliResult r;
        try {
            System.setIn(new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8)));
            r = CliResult.run("send", "--stdin", "--format", "raw", "--timeout", "10s", ws.url("/"));
        } finally {
            System.setIn(old);
        }
        assertThat(r.code()).as("the server answers the close: every frame is confirmed\n" + r).isZero();
        List<String> got = new ArrayList<>();
        TestWsServer.Frame f;
        while (got.size() < 3 && (f = ws.nextFrame(5)) != null) {
            got.add(f.text());
        }
        assertThat(got).as("exit 0 promises every frame was read\n" + r).containsExactly("one", "two", "three");
    }

    @LongTest
    @Test
    void aCloseTheServerNeverAnswersLeavesTheFramesUncertain() throws Exception {
        try (RawTcpServer deaf = RawTcpServer.deafAfterUpgrade()) {
            CliResult r = CliResult.run("send", "--raw", "hello", "--timeout", "3s",
                "ws://127.0.0.1:" + deaf.port() + "/");
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
            assertThat(r.err()).as(r.toString()).contains("delivery uncertain: hello");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
