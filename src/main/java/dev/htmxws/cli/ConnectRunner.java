package dev.htmxws.cli;

import dev.htmxws.client.LiveSession;
import dev.htmxws.files.UserFiles;
import dev.htmxws.output.TextLines;
import dev.htmxws.protocol.Dialect;
import dev.htmxws.script.JUnitReport;
import dev.htmxws.script.LineParser;
import dev.htmxws.script.MultiLine;
import dev.htmxws.script.ScriptEngine;
import dev.htmxws.script.ShellOutput;
import dev.htmxws.shell.InteractiveShell;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;

/** What {@code htmxws connect} does, kept apart from its picocli surface so that --help loads none of it. */
final class ConnectRunner {

    private final ConnectCommand c;

    ConnectRunner(ConnectCommand c) {
        this.c = c;
    }

    int run() throws Exception {
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        ShellOutput.Format format;
        try {
            format = ShellOutput.Format.valueOf(c.format.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--format takes text or ndjson, not '" + c.format + "'");
        }
        String bad = c.script == null ? null : UserFiles.whyNotReadable(c.script); // a pipe is fine: <(printf ...)
        if (bad != null) {
            throw new UsageException("--script " + c.script + ": " + bad.replace("not a file", "not a script"));
        }
        bad = c.junit == null ? null : UserFiles.whyNotWritable(c.junit);
        if (bad != null) { // said now, not after the whole run
            throw new UsageException("--junit " + c.junit + ": " + bad);
        }
        boolean interactive = c.script == null && stdinIsTerminal();
        Target.Resolved t = Target.resolve(c.conn, ConnectRunner::standInForm, null);
        ScriptEngine[] engine = new ScriptEngine[1];
        LiveSession session = new LiveSession(t.dialect(), t.page().dom(), t.ws(), c.conn.retries(),
            t.page().real() ? LiveSession.Messages.APPLY : LiveSession.Messages.PLAN, e -> engine[0].onEvent(e));
        session.cookies(t.cookies());
        if (interactive) { // piped input is a script: it never constructs the shell nor touches the history
            InteractiveShell.Ending ending = InteractiveShell.onSystemTerminal(session,
                shellOut -> {
                    engine[0] = new ScriptEngine(session, t.page().real(), shellOut, new LineParser(System::getenv),
                        c.timeout, Durations::parse);
                    engine[0].showPingPong(c.conn.showPingPong);
                    return engine[0];
                },
                err);
            return ExitCode.ofShell(ending, engine[0]);
        }
        ShellOutput output = new ShellOutput(format, new TextLines(format == ShellOutput.Format.text
            ? TerminalWidth.ofStdout() : () -> 0), line -> out.println(line), line -> {
                if (format == ShellOutput.Format.ndjson) {
                    return; // in ndjson everything is on stdout already
                }
                out.flush(); // the swap lines an "ok:" line speaks of come before it on a terminal that shows both
                err.println(line);
            });
        engine[0] = new ScriptEngine(session, t.page().real(), output, new LineParser(System::getenv), c.timeout,
            Durations::parse);
        engine[0].showPingPong(c.conn.showPingPong);
        session.onIdle(() -> {
            out.flush();
            err.flush();
        });
        Thread hook = new Thread(() -> session.closeFromAnyThread(1000));
        Runtime.getRuntime().addShutdownHook(hook);
        long started = System.nanoTime();
        try {
            session.start();
            feed(session, engine[0]);
            session.runUntil(
                () -> engine[0].finished() || (!engine[0].everOpened() && engine[0].connectionFailure() != null
                    && (!session.retriesFirstConnection() || session.gaveUp())),
                -1);
            // the script is done while the socket may be down: what it sent is still queued for the next open
            session.runUntil(() -> session.page().queued().isEmpty() || session.gaveUp(), c.timeout.toMillis());
            engine[0].closing();
            session.closeAndWait();
            engine[0].reportStillQueued();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            out.flush();
            err.flush();
        }
        if (c.junit != null) {
            JUnitReport.write(c.junit, c.script != null ? c.script.getFileName().toString() : "htmxws connect",
                engine[0].results(), (System.nanoTime() - started) / 1e9);
        }
        if (!engine[0].everOpened() && engine[0].connectionFailure() != null) {
            return ExitCode.IO;
        }
        if (engine[0].usageErrors() > 0) {
            return ExitCode.USAGE; // the script itself is wrong: that comes first
        }
        if (engine[0].results().stream().anyMatch(r -> !r.met())) {
            return ExitCode.FAILED;
        }
        return engine[0].deliveryUnproven() ? ExitCode.IO : ExitCode.OK;
    }

    /**
     * Whether standard input (and output) is a terminal. Before JDK 22 that is {@code System.console() != null};
     * from JDK 22 a console exists even for a pipe, and {@code Console.isTerminal()} tells.
     */
    static boolean stdinIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17 to 21: a console means a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Lines from the script file or standard input, posted to the loop as they arrive. */
    private void feed(LiveSession session, ScriptEngine engine) throws IOException {
        String name = c.script != null ? c.script.toString() : "<stdin>";
        Reader source = c.script != null ? Files.newBufferedReader(c.script, StandardCharsets.UTF_8)
            : new InputStreamReader(System.in, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(source)) {
                String line;
                int n = 0;
                StringBuilder held = new StringBuilder(); // a /raw or /json line going on to the next (MultiLine)
                String where = null;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (held.length() == 0) {
                        where = name + ":" + n;
                    }
                    held.append(line);
                    if (MultiLine.continues(held.toString())) {
                        held.append('\n');
                        continue;
                    }
                    String text = MultiLine.join(held.toString());
                    String at = where;
                    held.setLength(0);
                    session.post(() -> engine.offer(text, at));
                }
                if (held.length() > 0) { // the input ended on a backslash: the message is what came
                    String text = MultiLine.join(held.toString().stripTrailing());
                    String at = where;
                    session.post(() -> engine.offer(text, at));
                }
            } catch (IOException e) {
                session.post(() -> System.err.println(c.spec.qualifiedName() + ": error: reading " + name + ": "
                    + e.getMessage()));
            } finally {
                session.post(engine::endOfInput);
            }
        }, "htmxws-script");
        reader.setDaemon(true);
        reader.start();
    }

    /** Without a page: an empty send form that /send and name=value lines fill. */
    static String standInForm(Dialect d) {
        return switch (d) {
            case HTMX1 -> "<form hx-ws=\"send\"></form>";
            case HTMX2 -> "<form ws-send></form>";
            case HTMX4 -> "<form hx-ws:send></form>";
        };
    }
}
