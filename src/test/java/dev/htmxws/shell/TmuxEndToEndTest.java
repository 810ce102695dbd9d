package dev.htmxws.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htmxws.cli.Main;
import dev.htmxws.net.TestWsServer;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htmxws connect} as a person runs it: a real process on a real pseudo-terminal, inside a private
 * tmux server (skipped where tmux is not installed). Keys go in with send-keys, the screen comes back with
 * capture-pane. The tmux server's socket is in the test's temporary directory; the server is killed after.
 */
@LongTest
class TmuxEndToEndTest {

    @TempDir
    Path dir;

    private boolean started;

    @AfterEach
    void killServer() throws Exception {
        if (started) {
            tmux("kill-server");
            // the server removes its socket as it goes: the temporary folder is deleted after that, not during it
            Path socket = dir.resolve("tmux.sock");
            for (int i = 0; i < 200 && Files.exists(socket); i++) {
                Thread.sleep(50);
            }
        }
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
            List.of("tmux", "-S", dir.resolve("tmux.sock").toString(), "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("tmux %s ended", args[0]).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private List<String> awaitPane(Predicate<List<String>> p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> screen;
        do {
            screen = tmux("capture-pane", "-p", "-t", "shell").lines().map(String::stripTrailing).toList();
            if (p.test(screen)) {
                return screen;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < end);
        throw new AssertionError("the pane never showed what was expected:\n" + String.join("\n", screen));
    }

    private static Predicate<List<String>> lastRowIs(String row) {
        return s -> TerminalHarness.lastRow(s).equals(row);
    }

    @Test
    void aPersonTypingWhileMessagesArriveWithCompletionAndARedactedHistory() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        try (TestWsServer ws = TestWsServer.launch()) {
            Path page = dir.resolve("chat.html");
            Files.writeString(page,
                "<!DOCTYPE html><html><body><div hx-ext=\"ws\" ws-connect=\"" + ws.url("/chat") + "\">"
                    + "<div id=\"chat_room\"></div><form id=\"chat_form\" ws-send><input name=\"chat_message\"></form>"
                    + "</div></body></html>");
            // as in a person's terminal: an interactive bash in the pane runs htmxws (a wrapper on its PATH that starts
            // this build's classes) and reports its exit status; bash reaps the JVM, whatever tmux does with its panes
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Path htmxws = bin.resolve("htmxws");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Files.writeString(htmxws,
                "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                    + Main.class.getName() + " \"$@\"\n");
            Files.setPosixFilePermissions(htmxws, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path state = dir.resolve("state");
            tmux("new-session", "-d", "-s", "shell", "-x", "100", "-y", "30",
                "env", "-i", "HOME=" + dir, "TERM=tmux-256color", "PATH=" + bin + ":/usr/bin:/bin",
                "XDG_STATE_HOME=" + state,
                "PS1=$ ", "HISTFILE=/dev/null", "bash", "--noprofile", "--norc", "-i"); // no history file here
            started = true;
            awaitPane(lastRowIs("$"));
            tmux("send-keys", "-t", "shell", "-l",
                "cd '" + dir + "' && htmxws connect --page chat.html; echo \"htmxws exited $?\"");
            tmux("send-keys", "-t", "shell", "Enter");

            awaitPane(lastRowIs("htmx2>"));
            tmux("send-keys", "-t", "shell", "-l", "chat_m");
            tmux("send-keys", "-t", "shell", "Tab");
            tmux("send-keys", "-t", "shell", "-l", "\"hello wor");
            awaitPane(lastRowIs("htmx2> chat_message=\"hello wor"));
            ws.latest().send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>Bob: Hi Alice!</p></div>");
            List<String> s = awaitPane(sc -> sc.contains("#chat_room beforeend  Bob: Hi Alice!"));
            assertThat(TerminalHarness.lastRow(s)).isEqualTo("htmx2> chat_message=\"hello wor");
            tmux("send-keys", "-t", "shell", "-l", "ld\"");
            tmux("send-keys", "-t", "shell", "Enter");
            TestWsServer.Frame f = ws.nextFrame(20);
            assertThat(f).isNotNull();
            assertThat(f.text()).startsWith("{\"chat_message\":\"hello world\"");

            tmux("send-keys", "-t", "shell", "-l", "/raw {\"password\":\"p4ss\"}");
            tmux("send-keys", "-t", "shell", "Enter");
            assertThat(ws.nextFrame(20).text()).isEqualTo("{\"password\":\"p4ss\"}");
            tmux("send-keys", "-t", "shell", "-l", "/quit");
            long quit = System.nanoTime();
            tmux("send-keys", "-t", "shell", "Enter");
            List<String> end = awaitPane(sc -> sc.stream().anyMatch(l -> l.startsWith("htmxws exited ")));
            assertThat(end).as("the shell's exit status, as bash in the pane reported it").contains("htmxws exited 0");
            System.out.printf("tmux: the shell exited 0 within %d ms of /quit%n",
                (System.nanoTime() - quit) / 1_000_000);

            String history = Files.readString(state.resolve("htmxws").resolve("history"));
            assertThat(history).contains("chat_message=\"hello world\"").contains("/raw {\"password\":\"***\"}")
                .doesNotContain("p4ss");
        }
    }
}
