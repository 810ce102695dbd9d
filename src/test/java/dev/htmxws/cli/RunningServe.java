package dev.htmxws.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code htmxws serve} run in-process on a background thread, with its standard input a pipe the test writes.
 * It is stopped by interrupting that thread (the runner then closes its servers and ends with 130), bounded.
 */
final class RunningServe implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+) \\(WebSocket (ws://\\S+)\\)");

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final PipedOutputStream stdin = new PipedOutputStream();
    private final InputStream oldIn = System.in;
    private final Thread thread;
    private volatile int code = -1;
    final String pageUrl;
    final String wsUrl;
    final int port;

    RunningServe(String... args) throws Exception {
        System.setIn(new PipedInputStream(stdin, 1 << 16));
        thread = new Thread(() -> code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args),
            "serve-under-test");
        thread.setDaemon(true);
        thread.start();
        Matcher m = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end && thread.isAlive()) {
            m = SERVING.matcher(out.toString());
            if (m.find()) {
                break;
            }
            m = null;
            Thread.sleep(10); // bounded polling for the start line
        }
        if (m == null) {
            thread.join(5000);
            close();
            throw new IllegalStateException(
                "serve did not start: exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err);
        }
        pageUrl = m.group(1);
        wsUrl = m.group(2);
        port = Integer.parseInt(pageUrl.replaceAll("^http://[^:]+:(\\d+)/.*$", "$1"));
    }

    /** Types one line on serve's standard input. */
    void line(String text) throws IOException {
        stdin.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Stops the server (as Ctrl-C would) and returns the command's exit code. */
    int stop() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
        if (thread.isAlive()) {
            throw new IllegalStateException("serve did not stop within 10 s");
        }
        return code;
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) {
            stop();
        }
        stdin.close();
        System.setIn(oldIn);
    }
}
