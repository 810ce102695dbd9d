package dev.htmxws.cli;

import dev.htmxws.client.LiveSession;
import dev.htmxws.script.LineParser;
import dev.htmxws.script.ScriptEngine;
import dev.htmxws.script.ShellOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive shell: a JLine line editor (history in {@code ~/.local/state/htmxws/history}, Ctrl-R,
 * tab completion of commands, field names, ids and send elements) whose prompt shows the connection
 * state, while incoming messages are printed above the line being typed.
 */
final class InteractiveShell {

    /** Values of these header and field names never reach the history file. */
    static final Pattern SECRET = Pattern.compile(
        "(?i)((?:authorization|cookie|set-cookie|[\\w-]*token[\\w-]*|[\\w-]*secret[\\w-]*|[\\w-]*password[\\w-]*)"
            + "\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|\\S+(?:\\s+\\S+)?)");

    private final LiveSession session;
    private final Target.Resolved target;
    private final ConnectCommand c;
    private final PrintWriter err;

    /** Where the session's event listener finds the engine (it was created before the engine). */
    private final ScriptEngine[] holder;

    InteractiveShell(LiveSession session, ScriptEngine[] holder, Target.Resolved target, ConnectCommand c, PrintWriter err) {
        this.session = session;
        this.holder = holder;
        this.target = target;
        this.c = c;
        this.err = err;
    }

    /** The history location, following the XDG base directory rule. */
    static Path historyFile() {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("htmxws").resolve("history");
    }

    /** A history line with the values of secrets replaced. */
    static String redact(String line) {
        Matcher m = SECRET.matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            boolean bearer = value.matches("(?i)bearer\\s+\\S+|basic\\s+\\S+");
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + (bearer ? value.split("\\s+")[0] + " " : "") + "***"));
        }
        m.appendTail(b);
        return b.toString();
    }

    int run() throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        Path history = historyFile();
        Files.createDirectories(history.getParent());
        ScriptEngine[] engine = holder;
        volatileCompletions = new ScriptEngine.Completions(ScriptEngine.COMMANDS, List.of(), List.of(), List.of());
        LineReader reader = LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("htmxws")
            .history(new RedactingHistory())
            .variable(LineReader.HISTORY_FILE, history)
            .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
            .option(LineReader.Option.HISTORY_REDUCE_BLANKS, true)
            .completer((r, line, candidates) -> complete(line.word(), line.wordIndex(), candidates))
            .build();
        ShellOutput out = new ShellOutput(ShellOutput.Format.text, reader::printAbove, reader::printAbove);
        engine[0] = new ScriptEngine(session, target.page().real(), out, new LineParser(System::getenv), c.timeout,
            Durations::parse);
        session.onIdle(() -> volatileCompletions = engine[0].completions());
        Thread input = new Thread(() -> {
            int n = 0;
            try {
                while (true) {
                    String line = reader.readLine(engine[0].state() + "> ");
                    String text = line;
                    String where = "<shell>:" + ++n;
                    session.post(() -> engine[0].offer(text, where));
                }
            } catch (EndOfFileException | UserInterruptException e) {
                session.post(engine[0]::endOfInput);
            }
        }, "htmxws-shell");
        input.setDaemon(true);
        session.start();
        input.start();
        Thread hook = new Thread(() -> session.closeFromAnyThread(1000));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.runUntil(engine[0]::finished, -1);
            engine[0].closing();
            session.closeAndWait(2000);
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                err.println("warning: cannot save the history to " + history + ": " + e.getMessage());
            }
            terminal.close();
        }
        if (!engine[0].everOpened() && engine[0].connectionFailure() != null) {
            return ExitCode.IO;
        }
        return engine[0].results().stream().anyMatch(r -> !r.met()) ? ExitCode.FAILED : ExitCode.OK;
    }

    private volatile ScriptEngine.Completions volatileCompletions;

    private void complete(String word, int index, List<Candidate> candidates) {
        ScriptEngine.Completions comp = volatileCompletions;
        List<String> options = new ArrayList<>();
        if (index == 0) {
            comp.commands().forEach(cmd -> options.add("/" + cmd));
            comp.fields().forEach(f -> options.add(f + "="));
        } else {
            comp.ids().forEach(options::add);
            comp.sendElements().forEach(options::add);
            comp.fields().forEach(f -> options.add(f + "="));
        }
        for (String o : options) {
            candidates.add(new Candidate(o, o, null, null, null, null, !o.endsWith("=")));
        }
    }

    /** JLine's history, storing each line with its secrets replaced. */
    private static final class RedactingHistory extends DefaultHistory {
        @Override
        public void add(Instant time, String line) {
            super.add(time, redact(line));
        }
    }
}
