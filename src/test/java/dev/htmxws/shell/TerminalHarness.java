package dev.htmxws.shell;

import dev.htmxws.cli.ExitCode;
import dev.htmxws.client.LiveSession;
import dev.htmxws.client.PageSource;
import dev.htmxws.net.WsOptions;
import dev.htmxws.script.LineParser;
import dev.htmxws.script.ScriptEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell on a JLine terminal made of pipes: keystrokes are written to its input, and its
 * output is fed to a VT100 screen emulator ({@link ScreenTerminal}), so tests see the screen a person
 * would see, not the escape sequences.
 */
final class TerminalHarness implements AutoCloseable {

    static final int COLUMNS = 100;
    static final int ROWS = 30;

    private final PipedOutputStream keys = new PipedOutputStream();
    private final ScreenTerminal screen = new ScreenTerminal(COLUMNS, ROWS);
    private final StringBuilder raw = new StringBuilder();
    final Terminal terminal;
    final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    /**
     * @param page    the page to run (its connect element names the test server)
     * @param history the history file, or null for none
     * @param env     the environment the shell sees (NO_COLOR)
     */
    TerminalHarness(PageSource page, Path history, Map<String, String> env) throws IOException {
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        terminal = TerminalBuilder.builder().name("test").provider("exec").streams(in, new ScreenStream()).type("xterm")
            .system(false).dumb(false).encoding(StandardCharsets.UTF_8).size(new Size(COLUMNS, ROWS)).build();
        ScriptEngine[] engine = new ScriptEngine[1];
        LiveSession session = new LiveSession(page.detection().dialect(), page.dom(), WsOptions.defaults(), 0,
            page.real() ? LiveSession.Messages.APPLY : LiveSession.Messages.PLAN, e -> engine[0].onEvent(e));
        InteractiveShell shell = new InteractiveShell(session, out -> engine[0] = new ScriptEngine(session, page.real(),
            out, new LineParser(System::getenv), Duration.ofSeconds(5), TerminalHarness::duration), terminal, history,
            env::get, new PrintWriter(err, true));
        Thread t = new Thread(() -> {
            try {
                InteractiveShell.Ending ending = shell.run();
                exit.complete(ExitCode.ofShell(ending, engine[0]));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "shell-under-test");
        t.setDaemon(true);
        t.start();
    }

    private static Duration duration(String s) {
        return s.endsWith("ms") ? Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)))
            : Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
    }

    /** Types these characters (control keys as their bytes: \r Enter, \t Tab, \u0003 Ctrl-C, \u0004 Ctrl-D). */
    void type(String keystrokes) throws IOException {
        keys.write(keystrokes.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** The screen's rows, trailing spaces removed. */
    List<String> screen() {
        synchronized (screen) {
            return screen.toString().lines().map(String::stripTrailing).toList();
        }
    }

    /** Everything written to the terminal, escape sequences included. */
    String raw() {
        synchronized (screen) {
            return raw.toString();
        }
    }

    /** Polls (bounded) until the screen satisfies {@code p}; returns the screen either way. */
    List<String> awaitScreen(Predicate<List<String>> p, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> s = screen();
        while (!p.test(s) && System.nanoTime() < end) {
            Thread.sleep(20);
            s = screen();
        }
        return s;
    }

    /** The last non-blank row (where the prompt is). */
    static String lastRow(List<String> screen) {
        for (int i = screen.size() - 1; i >= 0; i--) {
            if (!screen.get(i).isBlank()) {
                return screen.get(i);
            }
        }
        return "";
    }

    static Predicate<List<String>> showing(String text) {
        return s -> s.stream().anyMatch(l -> l.contains(text));
    }

    Integer exitCode(long seconds) throws Exception {
        return exit.get(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        keys.close();
        terminal.close();
    }

    /** Decodes the terminal's output as UTF-8 and feeds it to the screen. */
    private final class ScreenStream extends OutputStream {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        private ByteBuffer pending = ByteBuffer.allocate(0);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (screen) {
                ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
                in.put(pending).put(b, off, len).flip();
                CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
                decoder.decode(in, chars, false);
                pending = in.slice();
                chars.flip();
                raw.append(chars);
                screen.write(chars);
            }
        }
    }
}
