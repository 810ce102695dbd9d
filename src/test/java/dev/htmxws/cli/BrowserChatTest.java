package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.testing.LongTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htmxws serve}'s chat demo in a real browser: Debian's Chromium, driven by playwright-core
 * ({@code src/test/browser/chat.e2e.mjs}), runs the real htmx 2.0.8 and htmx-ext-ws 2.0.4, served offline through
 * {@code --assets}. A person types a message in the page: it shows in the page and in an {@code htmxws listen}
 * client; {@code htmxws send} posts one: it shows in the page. Skipped, saying so on standard error, where Chromium,
 * Node.js 20+ or the Node packages ({@code npm ci --prefix src/test/browser}) are missing.
 */
@LongTest
class BrowserChatTest {

    private static final long WAIT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path assets;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aMessageTypedInChromiumShowsThereAndInListenAndOneFromSendShowsInChromium() throws Exception {
        Path browserDir = projectDir().resolve("src/test/browser");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        String missing = missing(browserDir, chromium);
        if (missing != null) {
            System.err.println("BrowserChatTest skipped: " + missing);
            assumeTrue(false, missing);
        }
        Path modules = browserDir.resolve("node_modules");
        Files.copy(modules.resolve("htmx.org/dist/htmx.min.js"), assets.resolve("htmx.min.js"));
        Files.copy(modules.resolve("htmx-ext-ws/dist/ws.js"), assets.resolve("ws.js"));

        try (
            RunningServe serve = new RunningServe("serve", "--demo", "chat", "--port", "0", "--assets",
                assets.toString());
            Listener listen = new Listener(serve.wsUrl)) {
            listen.await("#chat_room innerHTML  guest-1 joined");
            try (Browser browser = new Browser(browserDir, chromium, serve)) {
                assertThat(browser.await("READY"))
                    .isEqualTo("READY htmx 2.0.8; connected as guest-2; type a name to change it");
                listen.await("#chat_room beforeend  guest-2 joined");

                // typed into the page's form: it comes back to the page (escaped, as text) and reaches the listener
                String typed = "hello from Chromium, <b>not bold</b> & \"quoted\"";
                browser.command("say Alice\t" + typed);
                assertThat(browser.await("SHOWN")).isEqualTo("SHOWN Alice: " + typed);
                listen.await("#chat_room beforeend  Alice: " + typed);

                // htmxws send, through the same page: it shows in the browser
                String sent = "hi Chromium, from htmxws send";
                CliResult r = CliResult.run("send", "--form", "name=Carol", "--form", "chat_message=" + sent,
                    "--until", sent, "--format", "text", "--timeout", "20s", serve.pageUrl);
                assertThat(r.code()).as(r.toString()).isZero();
                assertThat(r.out()).contains("#chat_room beforeend  Carol: " + sent);
                browser.command("expect Carol: " + sent);
                assertThat(browser.await("SHOWN")).isEqualTo("SHOWN Carol: " + sent);
                listen.await("#chat_room beforeend  Carol: " + sent);

                browser.command("quit");
                String room = JSON.readValue(browser.await("ROOM").substring("ROOM ".length()), String.class);
                assertThat(room.lines().toList()).as(browser.transcript()).containsSubsequence("guest-2 joined",
                    "Alice: " + typed, "guest-3 joined", "Carol: " + sent);
                assertThat(browser.exit()).as(browser.transcript()).isZero();
                assertThat(browser.stderr).as("no script errors, nothing fetched from another origin (a CDN)")
                    .doesNotContain("page error:").doesNotContain("refused a request");
            }
        }
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** What is missing to run the test, with how to get it; null when nothing is. */
    private static String missing(Path browserDir, Path chromium) {
        List<String> gaps = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            gaps.add("Chromium not found (" + chromium + "; apt-get install chromium, or set CHROMIUM to its path)");
        }
        String node = nodeVersion();
        if (node == null) {
            gaps.add("node not found (install Node.js 20 or newer with npm)");
        } else if (major(node) < 20) {
            gaps.add("node " + node + " is too old for playwright-core (install Node.js 20 or newer)");
        }
        Path modules = browserDir.resolve("node_modules");
        if (!Files.isRegularFile(modules.resolve("playwright-core/package.json"))
            || !Files.isRegularFile(modules.resolve("htmx.org/dist/htmx.min.js"))
            || !Files.isRegularFile(modules.resolve("htmx-ext-ws/dist/ws.js"))) {
            gaps.add("the Node packages are not installed (npm ci --prefix src/test/browser)");
        }
        return gaps.isEmpty() ? null : String.join("; ", gaps) + ". .ci/run sets all of this up.";
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? v : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code htmxws listen --format text} on the demo's socket, in-process on a background thread. */
    private static final class Listener implements AutoCloseable {

        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final Thread thread;

        Listener(String wsUrl) {
            thread = new Thread(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "listen", "--format", "text", "--timeout", "200s", wsUrl), "listen-under-test");
            thread.setDaemon(true);
            thread.start();
        }

        void await(String line) {
            Awaitility.await().atMost(Duration.ofSeconds(WAIT_SECONDS))
                .untilAsserted(() -> assertThat(out.toString().lines())
                    .as(() -> "htmxws listen's output\n--- stdout\n" + out + "--- stderr\n" + err).contains(line));
        }

        /** Stops it as Ctrl-C would (an interrupt), bounded. */
        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new IllegalStateException("htmxws listen did not stop within 10 s");
            }
        }
    }

    /** {@code node chat.e2e.mjs PAGE_URL}: the browser, one command per line in, one progress line per step out. */
    private static final class Browser implements AutoCloseable {

        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final StringBuffer seen = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final RunningServe serve;

        Browser(Path dir, Path chromium, RunningServe serve) throws IOException {
            this.serve = serve;
            ProcessBuilder pb = new ProcessBuilder("node", "chat.e2e.mjs", serve.pageUrl).directory(dir.toFile());
            pb.environment().put("CHROMIUM", chromium.toString());
            pb.environment().put("E2E_TIMEOUT_MS", "30000");
            process = pb.start();
            stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
            pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
        }

        private void pump(BufferedReader r, boolean out) {
            Thread t = new Thread(() -> {
                try (r) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (out) {
                            seen.append(line).append('\n');
                            lines.add(line);
                        } else {
                            stderr.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
                if (out) {
                    lines.add("\0eof");
                }
            }, out ? "browser-stdout" : "browser-stderr");
            t.setDaemon(true);
            t.start();
        }

        void command(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        /** The next progress line, which must start with WORD; a FAIL line, the end of output or the timeout fail. */
        String await(String word) throws InterruptedException {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.equals("\0eof") || !line.startsWith(word)) {
                if (line != null && line.startsWith("FAIL ")) {
                    process.waitFor(10, TimeUnit.SECONDS); // it prints the room and closes the browser after the reason
                }
                throw new AssertionError("the browser script: expected " + word + ", got "
                    + (line == null ? "nothing within " + WAIT_SECONDS + " s"
                        : line.equals("\0eof") ? "the end of its output" : line)
                    + "\n" + transcript());
            }
            return line;
        }

        int exit() throws InterruptedException {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(
                    "the browser script did not end within " + WAIT_SECONDS + " s\n" + transcript());
            }
            return process.exitValue();
        }

        String transcript() {
            return "--- browser stdout\n" + seen + "--- browser stderr\n" + stderr + "--- serve stderr\n" + serve.err;
        }

        /** End of input (the script closes the browser and exits); killed with the browser after 20 s. */
        @Override
        public void close() {
            try {
                stdin.close();
            } catch (IOException e) {
                // already gone
            }
            try {
                if (process.waitFor(20, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
