package dev.htmxws.shell;

import dev.htmxws.client.LiveSession;
import dev.htmxws.output.TextLines;
import dev.htmxws.script.ScriptEngine;
import dev.htmxws.script.ShellOutput;
import java.io.IOError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell of {@code htmxws connect} on a terminal: a JLine line editor whose lines go to the
 * {@link ScriptEngine} on the session's loop, while everything the engine prints goes above the line being
 * typed ({@link LineReader#printAbove}), so incoming messages never garble it.
 *
 * <ul>
 *   <li>history: {@link HistoryLocation}, deduplicated and redacted ({@link ShellHistory}); Ctrl-R searches
 *   it; a line typed with a leading space is not kept;</li>
 *   <li>completion: {@link ShellCompleter}, from the page as it is when Tab is pressed;</li>
 *   <li>multi-line /raw and /json: {@link Continuation};</li>
 *   <li>highlighting of the command word: {@link CommandHighlighter};</li>
 *   <li>the prompt is the connection state ({@link ScriptEngine#state()}: {@code htmx2> } when a socket is
 *   open, {@code htmx2…> } otherwise), redrawn when it changes;</li>
 *   <li>/quit, Ctrl-D (after the pending commands), or Ctrl-C on an empty line (exit 130) end it; Ctrl-C on
 *   a line being typed drops that line.</li>
 * </ul>
 *
 * Only {@code ConnectRunner} starts it, and only when standard input is a terminal: piped input is a
 * script and never touches the history.
 */
public final class InteractiveShell {

    /** How a session at the terminal ended; the command maps it (and its engine's results) to an exit code. */
    public enum Ending {
        /** /quit, Ctrl-D, or the end of the connection. */
        ENDED,
        /** Ctrl-C on an empty line. */
        INTERRUPTED
    }

    /** Builds the engine once the shell's output exists (the session's listener needs it from then on). */
    public interface EngineFactory extends Function<ShellOutput, ScriptEngine> {
    }

    private static final long COMPLETION_WAIT_MS = 500;

    private final LiveSession session;
    private final EngineFactory engines;
    private final Terminal terminal;
    private final Path history;
    private final UnaryOperator<String> env;
    private final PrintWriter err;

    private volatile ScriptEngine currentEngine;
    private volatile boolean interrupted;
    /** The prompt the state asks for (written on the loop) and the one on the screen. */
    private volatile String prompt = "";
    private volatile String shown = "";
    private volatile ScriptEngine.Completions lastCompletions = new ScriptEngine.Completions(ScriptEngine.COMMANDS,
        List.of(), List.of(), List.of());

    /**
     * @param history the history file, or null to keep none
     */
    InteractiveShell(LiveSession session, EngineFactory engines, Terminal terminal, Path history,
        UnaryOperator<String> env, PrintWriter err) {
        this.session = session;
        this.engines = engines;
        this.terminal = terminal;
        this.history = history;
        this.env = env;
        this.err = err;
    }

    /** The shell on the process's terminal, with the history in its usual place. */
    public static Ending onSystemTerminal(LiveSession session, EngineFactory engines, PrintWriter err)
        throws Exception {
        try (Terminal t = TerminalBuilder.builder().name("htmxws").system(true).build()) {
            return new InteractiveShell(session, engines, t, HistoryLocation.file(System::getenv), System::getenv, err)
                .run();
        }
    }

    public Ending run() throws Exception {
        LineReaderBuilder b = LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("htmxws")
            .parser(new Continuation())
            .highlighter(new CommandHighlighter(CommandHighlighter.colourFor(terminal, env)))
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, "...> ")
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // ! and \ are message text, not history events
            .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
            .option(LineReader.Option.HISTORY_REDUCE_BLANKS, true)
            .option(LineReader.Option.HISTORY_INCREMENTAL, true);
        if (history != null) {
            b.history(new ShellHistory(history)).variable(LineReader.HISTORY_FILE, history);
        }
        LineReader reader = b.completer(new ShellCompleter(this::completions)).build();
        // lines fit the terminal as it is now: a resized window gets lines of its new width
        ShellOutput out = new ShellOutput(ShellOutput.Format.text, new TextLines(() -> terminal.getWidth()),
            reader::printAbove, reader::printAbove);
        ScriptEngine engine = engines.apply(out);
        currentEngine = engine;
        prompt = engine.state() + "> ";
        session.onIdle(() -> refreshPrompt(engine, reader));
        Thread input = new Thread(() -> read(reader, engine), "htmxws-shell");
        input.setDaemon(true);
        Thread hook = new Thread(() -> session.closeFromAnyThread(1000));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.start();
            input.start();
            // a refused first connection ends the shell at once, as it ends a script (unless --max-retries waits)
            session.runUntil(() -> interrupted || engine.finished() || !engine.everOpened()
                && engine.connectionFailure() != null && (!session.retriesFirstConnection() || session.gaveUp()), -1);
            engine.closing();
            session.closeAndWait();
            engine.reportStillQueued();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                err.println("warning: cannot save the history to " + history + ": " + e.getMessage());
            }
            terminal.writer().flush();
        }
        return interrupted ? Ending.INTERRUPTED : Ending.ENDED;
    }

    /** The terminal thread: reads lines and posts each to the loop, until /quit, Ctrl-D or Ctrl-C. */
    private void read(LineReader reader, ScriptEngine engine) {
        int n = 0;
        while (true) {
            String line;
            try {
                String p = prompt;
                shown = p;
                line = Continuation.join(reader.readLine(p));
            } catch (UserInterruptException e) {
                if (!e.getPartialLine().isBlank()) {
                    continue; // Ctrl-C drops the line being typed
                }
                interrupted = true;
                session.post(() -> {}); // wakes the loop to see it
                return;
            } catch (EndOfFileException e) {
                session.post(engine::endOfInput);
                return;
            } catch (RuntimeException | IOError e) { // the terminal was closed under us
                session.post(engine::endOfInput);
                return;
            }
            String where = "<shell>:" + ++n;
            session.post(() -> engine.offer(line, where));
            if (isQuit(line)) {
                return; // no prompt after /quit
            }
        }
    }

    static boolean isQuit(String line) {
        String t = line.strip().toLowerCase(Locale.ROOT);
        return t.equals("/quit") || t.equals("/exit") || t.equals("quit") || t.equals("exit");
    }

    /** On the loop, when it is about to wait: redraws the prompt if the connection state changed. */
    private void refreshPrompt(ScriptEngine engine, LineReader reader) {
        String p = engine.state() + "> ";
        prompt = p;
        if (p.equals(shown) || !reader.isReading()) {
            return; // the next readLine takes the new prompt
        }
        try {
            ((LineReaderImpl) reader).setPrompt(p);
            reader.callWidget(LineReader.REDISPLAY);
            shown = p;
        } catch (IllegalStateException e) {
            // the line was accepted meanwhile; the next readLine shows the new prompt
        }
    }

    /** What the page holds, asked on the loop (the engine is not thread-safe); the last answer if it is busy. */
    private ScriptEngine.Completions completions() {
        CompletableFuture<ScriptEngine.Completions> f = new CompletableFuture<>();
        ScriptEngine engine = currentEngine;
        if (engine == null) {
            return lastCompletions;
        }
        session.post(() -> {
            try {
                f.complete(engine.completions());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            lastCompletions = f.get(COMPLETION_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the loop is busy or gone: the last answer will do
        }
        return lastCompletions;
    }
}
