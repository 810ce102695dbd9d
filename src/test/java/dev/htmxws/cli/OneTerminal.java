package dev.htmxws.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * An htmxws command line run through {@link Main#run} with stdout and stderr shown on one terminal, each writer
 * buffered as {@link Main#main} buffers it: stdout reaches the screen only when flushed, stderr at each line. What a
 * command prints to stdout and does not flush therefore shows up after the stderr lines that followed it, as it would
 * for a person at a terminal or in a {@code 2>&1} log.
 */
record OneTerminal(int code, String screen) {

    static OneTerminal run(String... args) {
        StringBuilder screen = new StringBuilder();
        PrintWriter out = new PrintWriter(new Buffered(screen), false);
        PrintWriter err = new PrintWriter(new Buffered(screen), true);
        int code = Main.run(out, err, args);
        return new OneTerminal(code, screen.toString());
    }

    /** Holds what is written until a flush puts it on the screen. */
    private static final class Buffered extends Writer {
        private final StringBuilder screen;
        private final StringBuilder pending = new StringBuilder();

        Buffered(StringBuilder screen) {
            this.screen = screen;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            pending.append(cbuf, off, len);
        }

        @Override
        public void flush() {
            screen.append(pending);
            pending.setLength(0);
        }

        @Override
        public void close() {
            flush();
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- screen\n" + screen;
    }
}
