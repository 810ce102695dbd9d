package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.net.TestWsServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ctrl-C in a real process: the socket is closed with 1000 and the exit code is 130. */
class InterruptTest {

    @Test
    void ctrlCClosesWith1000AndExits130() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.htmxws.testing.Signals.sigintIgnored(),
            dev.htmxws.testing.Signals.SIGINT_IGNORED);
        try (TestWsServer ws = TestWsServer.launch()) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "listen", "--format", "raw", ws.url("/"))
                .redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                assertThat(ws.awaitConnections(1, 20)).as("the process connected").isTrue();
                ws.latest().send("first");
                String line;
                do {
                    line = out.readLine();
                } while (line != null && !line.equals("first"));
                assertThat(line).isEqualTo("first");
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
                assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the process ended").isTrue();
                assertThat(p.exitValue()).isEqualTo(130);
                await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(ws.closes).containsExactly("1:1000:client"));
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
