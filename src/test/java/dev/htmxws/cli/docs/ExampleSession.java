package dev.htmxws.cli.docs;

import dev.htmxws.cli.docs.ConsoleBlocks.Block;
import dev.htmxws.cli.docs.ConsoleBlocks.Example;
import dev.htmxws.server.ChatPage;
import dev.htmxws.server.ChatRoom;
import dev.htmxws.server.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the README's console blocks as a reader would type them, in one working folder, in order:
 * <ul>
 * <li>{@code $ htmxws ARGS} runs in its own JVM ({@link OneStreamMain}) in that folder, with {@code HOME} a folder of
 * its own (no defaults file of whoever runs the test leaks in), {@code HTMXWS_*} and {@code XDG_*} removed from the
 * environment, and standard input empty unless the line says {@code < FILE};</li>
 * <li>{@code 127.0.0.1:8000} in a command is a fresh chat room of {@code htmxws serve} (its {@link Server} with its
 * {@link ChatRoom}, in this JVM, on a free port) for each block, and that port is shown as 8000 again in the output;</li>
 * <li>a command whose output shows {@code ^C} is a server left running (only {@code htmxws serve}, given
 * {@code --port 0}) while the next block runs against it; then, once every client that connected has left, it is
 * interrupted with SIGINT, as Ctrl-C does, and what it printed before and after is its output;</li>
 * <li>{@code $ echo $?} prints the exit code of the last command; {@code $ export NAME=VALUE} sets a variable for
 * the rest of the block;</li>
 * <li>{@code $ cat FILE}: the first time a file appears, it is written from the lines shown (an input of the examples:
 * a page, a script, templates; {@code 127.0.0.1:8000} in it is the block's server); once it exists, it is read, and
 * compared like any output. Files stay for the blocks after, as they would for a reader following along; {@code ~/}
 * is the test's own home folder.</li>
 * </ul>
 */
final class ExampleSession implements AutoCloseable {

    /** Where the README says the server is. */
    static final String README_HOST = "127.0.0.1:8000";

    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    private static final Duration SERVER_LIMIT = Duration.ofSeconds(30);
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern CONNECTED = Pattern.compile("(?m)^client \\d+ connected from ");
    private static final Pattern LEFT = Pattern.compile("(?m)^client \\d+ left: ");

    private final Path work;
    private final Path home;
    private final Map<String, String> exported = new HashMap<>();
    private final List<Process> started = new ArrayList<>();
    private int lastExit;
    private int commands;

    ExampleSession(Path dir) throws IOException {
        this.work = Files.createDirectories(dir.resolve("work"));
        this.home = Files.createDirectories(dir.resolve("home"));
    }

    /** How many htmxws commands ran (for the figures the test prints). */
    int commands() {
        return commands;
    }

    /** Whether a block leaves a server running for the next one (one of its outputs shows ^C). */
    static boolean startsServer(Block b) {
        return b.examples().stream().anyMatch(e -> e.output().contains("^C"));
    }

    /** Runs a block against a fresh chat room; the outputs in the order of its examples. */
    List<List<String>> run(Block block) throws Exception {
        exported.clear();
        boolean needsRoom = block.examples().stream()
            .anyMatch(e -> e.command().contains(README_HOST) || e.command().startsWith("cat ") && e.output().stream()
                .anyMatch(l -> l.contains(README_HOST)));
        if (!needsRoom) {
            return runAll(block.examples(), null);
        }
        String html = ChatPage.html(false, "/chatroom");
        // htmxws serve's defaults: 100 clients, 64 KiB messages, a ping every 30 s, same-origin pages only
        Server.Config cfg = new Server.Config("127.0.0.1", 0, "/chatroom", 100, 65536, Duration.ofSeconds(30), false);
        try (Server room = Server.start(cfg, () -> html, null, new ChatRoom(), line -> {})) {
            return runAll(block.examples(), "127.0.0.1:" + room.port());
        }
    }

    /**
     * Runs a server block (one of its examples is {@code htmxws serve}, whose output shows ^C): the examples before it,
     * the server, the next block against it while it runs, Ctrl-C, then the examples after it. The outputs of both
     * blocks, the server's block first.
     */
    List<List<List<String>>> runWithServer(Block serverBlock, Block clients) throws Exception {
        exported.clear();
        List<Example> examples = serverBlock.examples();
        int at = 0;
        while (!examples.get(at).output().contains("^C")) {
            at++;
        }
        Example serve = examples.get(at);
        ShellLine line = ShellLine.parse(serve.command());
        if (!line.program().equals("htmxws") || line.args().isEmpty() || !line.args().get(0).equals("serve")) {
            throw new IllegalStateException(
                serve.where() + ": only `$ htmxws serve …` may show ^C (a server left running"
                    + " while the next block runs)");
        }
        List<List<String>> serverOutputs = new ArrayList<>(runAll(examples.subList(0, at), null));
        List<String> args = new ArrayList<>(line.args());
        if (args.stream().noneMatch(a -> a.equals("--port") || a.startsWith("--port="))) {
            args.add("--port");
            args.add("0");
        }
        Process p = start(args, line);
        Output out = new Output(p.getInputStream());
        String real = "127.0.0.1:" + await(out, SERVING, p).group(1);
        Map<String, String> serverExports = new HashMap<>(exported);
        List<List<String>> clientOutputs;
        try {
            exported.clear();
            clientOutputs = runAll(clients.examples(), real);
            awaitClientsLeft(out, p);
        } catch (Exception | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
        int mark = out.text().length();
        ctrlC(p, serve, out);
        out.join();
        lastExit = p.exitValue();
        commands++;
        String all = out.text();
        List<String> serverOutput = new ArrayList<>(shown(all.substring(0, mark), real));
        serverOutput.add("^C");
        serverOutput.addAll(shown(all.substring(mark), real));
        serverOutputs.add(serverOutput);
        exported.clear();
        exported.putAll(serverExports);
        serverOutputs.addAll(runAll(examples.subList(at + 1, examples.size()), real));
        return List.of(serverOutputs, clientOutputs);
    }

    /** What Ctrl-C does to a foreground process: SIGINT; then a bounded wait for it to end. */
    private static void ctrlC(Process p, Example serve, Output out) throws IOException, InterruptedException {
        if (dev.htmxws.testing.Signals.sigintIgnored()) {
            p.destroyForcibly();
            org.junit.jupiter.api.Assumptions.abort(dev.htmxws.testing.Signals.SIGINT_IGNORED);
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(SERVER_LIMIT.toSeconds(), TimeUnit.SECONDS) || kill.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("kill -INT " + p.pid() + " failed");
        }
        if (!p.waitFor(SERVER_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(serve.where() + ": serve did not stop within " + SERVER_LIMIT.toSeconds()
                + " s of SIGINT; output:\n" + out.text());
        }
    }

    private List<List<String>> runAll(List<Example> examples, String real) throws Exception {
        List<List<String>> outputs = new ArrayList<>();
        for (Example e : examples) {
            outputs.add(runOne(e, real));
        }
        return outputs;
    }

    private List<String> runOne(Example e, String real) throws Exception {
        String command = real == null ? e.command() : e.command().replace(README_HOST, real);
        ShellLine line = ShellLine.parse(command);
        List<String> args = line.args();
        switch (line.program()) {
            case "htmxws" -> {
                Process p = start(args, line);
                Output out = new Output(p.getInputStream());
                if (!p.waitFor(COMMAND_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(
                        e.where() + " did not end within " + COMMAND_LIMIT.toSeconds() + " s; output:\n"
                            + out.text());
                }
                out.join();
                lastExit = p.exitValue();
                commands++;
                return shown(out.text(), real);
            }
            case "echo" -> {
                if (!args.equals(List.of("$?"))) {
                    throw new ShellLine.Unsupported(e.where() + ": the README test echoes only $?");
                }
                return List.of(Integer.toString(lastExit));
            }
            case "export" -> {
                for (String a : args) {
                    int eq = a.indexOf('=');
                    if (eq < 1) {
                        throw new ShellLine.Unsupported(e.where() + ": write export NAME=VALUE");
                    }
                    exported.put(a.substring(0, eq), a.substring(eq + 1));
                }
                return List.of();
            }
            case "cat" -> {
                if (args.size() != 1) {
                    throw new ShellLine.Unsupported(e.where() + ": cat one file");
                }
                Path f = path(args.get(0));
                if (!Files.exists(f)) { // an input of the examples: written as shown, 127.0.0.1:8000 being the server
                    Files.createDirectories(f.getParent());
                    String text = String.join("\n", e.output()) + "\n";
                    Files.writeString(f, real == null ? text : text.replace(README_HOST, real), StandardCharsets.UTF_8);
                    return e.output();
                }
                return shown(Files.readString(f, StandardCharsets.UTF_8), real);
            }
            default ->
                throw new ShellLine.Unsupported(e.where() + ": the README test runs htmxws, cat, echo $? and export,"
                    + " not " + line.program());
        }
    }

    private Path path(String p) {
        return p.startsWith("~/") ? home.resolve(p.substring(2)) : work.resolve(p);
    }

    private Process start(List<String> args, ShellLine line) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // the launcher's flags for short commands: they start sooner on a small machine
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Duser.home=" + home, // the JVM takes its home folder from the password database, not from $HOME
            "-cp", System.getProperty("java.class.path"), OneStreamMain.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("HTMXWS_") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        env.putAll(exported);
        env.putAll(line.env());
        if (line.stdin() != null) {
            pb.redirectInput(path(line.stdin()).toFile());
        }
        Process p = pb.start();
        started.add(p);
        if (line.stdin() == null) {
            p.getOutputStream().close(); // an empty standard input, as with < /dev/null
        }
        return p;
    }

    /** The output as the README shows it: the real server's port as 8000, paths in the working folder relative. */
    private List<String> shown(String text, String real) {
        String s = text.replace(work + "/", "").replace(home.toString(), "~");
        if (real != null) {
            s = s.replace(real, README_HOST);
        }
        if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? List.of() : List.of(s.split("\n", -1));
    }

    /** Waits (bounded) for the server's output to match; fails with what it printed. */
    private static Matcher await(Output out, Pattern p, Process proc) throws InterruptedException {
        long end = System.nanoTime() + SERVER_LIMIT.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = p.matcher(out.text());
            if (m.find()) {
                return m;
            }
            if (!proc.isAlive()) {
                break;
            }
            out.awaitMore(100);
        }
        throw new AssertionError("serve did not print " + p.pattern() + " (exit "
            + (proc.isAlive() ? "-" : proc.exitValue()) + "); output:\n" + out.text());
    }

    /** Every client that connected has left: the server's log is complete. Bounded, like every wait here. */
    private static void awaitClientsLeft(Output out, Process proc) throws InterruptedException {
        long end = System.nanoTime() + SERVER_LIMIT.toNanos();
        while (System.nanoTime() < end && proc.isAlive()) {
            String t = out.text();
            if (count(CONNECTED, t) == count(LEFT, t)) {
                return;
            }
            out.awaitMore(100);
        }
        throw new AssertionError("not every client left the server within " + SERVER_LIMIT.toSeconds() + " s; output:\n"
            + out.text());
    }

    private static long count(Pattern p, String text) {
        return p.matcher(text).results().count();
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    /** A process's output, read as it comes on a thread of its own. */
    private static final class Output {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        append(buf, n);
                    }
                } catch (IOException e) {
                    // the process was killed (a command over its time limit): its output ends here
                }
            }, "readme-example-output");
            reader.setDaemon(true);
            reader.start();
        }

        private synchronized void append(byte[] buf, int n) {
            bytes.write(buf, 0, n);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Waits until more output comes, at most {@code ms}. */
        synchronized void awaitMore(long ms) throws InterruptedException {
            wait(ms);
        }

        void join() throws InterruptedException {
            reader.join(COMMAND_LIMIT.toMillis());
        }
    }
}
