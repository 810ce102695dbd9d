package dev.htmxws.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one htmxws command line printed and returned, run in-process through {@link Main#run}. */
public record CliResult(int code, String out, String err) {

    public static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliResult(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
