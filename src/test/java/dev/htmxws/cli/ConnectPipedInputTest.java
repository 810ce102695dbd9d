package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.TestWsServer;
import dev.htmxws.shell.HistoryLocation;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect} with standard input from a pipe: a script, run in process, that never touches the history. */
class ConnectPipedInputTest {

    @TempDir
    Path state;

    @Test
    void pipedLinesRunAsAScriptAndNeverReachTheHistory() throws Exception {
        InputStream stdin = System.in;
        System.setProperty(HistoryLocation.PROPERTY, state.toString());
        try (TestWsServer ws = TestWsServer.launch()) {
            ws.onFrame = (c, t) -> c
                .send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>Bob: Hi Alice!</p></div>");
            System.setIn(new ByteArrayInputStream(String.join("\n",
                "chat_message=hi csrf_token=xyz",
                "/raw {\"password\":\"p\"}",
                "expect swap #chat_room",
                "/quit", "").getBytes(StandardCharsets.UTF_8)));
            // bounded: a connect that took the terminal instead of the pipe would wait for keystrokes forever
            CompletableFuture<CliResult> run = new CompletableFuture<>();
            Thread t = new Thread(() -> run.complete(CliResult.run("connect", "--format", "text", ws.url("/chat"))));
            t.setDaemon(true);
            t.start();
            CliResult r;
            try {
                r = run.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("connect did not end on the end of its piped input; history file there: "
                    + Files.exists(state.resolve("htmxws").resolve("history")), e);
            }
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(ws.nextFrame(5).text()).startsWith("{\"chat_message\":\"hi\",\"csrf_token\":\"xyz\"");
            assertThat(ws.nextFrame(5).text()).isEqualTo("{\"password\":\"p\"}");
            assertThat(r.out()).contains("#chat_room beforeend  Bob: Hi Alice!");
            assertThat(HistoryLocation.file(System::getenv)).isEqualTo(state.resolve("htmxws").resolve("history"))
                .doesNotExist();
            assertThat(state).isEmptyDirectory();
        } finally {
            System.setIn(stdin);
            System.clearProperty(HistoryLocation.PROPERTY);
        }
    }
}
