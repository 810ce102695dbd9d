package dev.htmxws.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** Entry point. Tests call {@link #run} with their own writers instead of {@link #main}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
            StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
            StandardCharsets.UTF_8), true);
        // the last resort for an Error in a thread of ours or a library's: one line, as for every failure
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            err.println("htmxws: internal error in thread " + t.getName() + ": " + e + " (please report it)");
            err.flush();
        });
        int code = run(out, err, args);
        System.exit(code);
    }

    /**
     * The commands' headers are one-line summaries for the command list, the man pages' NAME lines and fish; a
     * command's own help starts with its usage line, and its description says the same at more length.
     */
    static void withoutHeaderSection(CommandLine cl) {
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.remove(UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
        keys.remove(UsageMessageSpec.SECTION_KEY_HEADER);
        cl.setHelpSectionKeys(keys);
    }

    /** Runs one command line; returns its exit code. Both writers are flushed. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, versionOnly(args) ? null : new DefaultsProvider(), args);
    }

    /** {@code htmxws --version}: the call scripts make most to check the tool is there. */
    private static boolean versionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with defaults read from elsewhere (tests). */
    static int run(PrintWriter out, PrintWriter err, DefaultsProvider defaults, String... args) {
        if (versionOnly(args)) { // no command model, no defaults to read
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCode.OK;
        }
        CommandLine cl = HtmxwsCommand.forArgs(args);
        Failures failures = new Failures(defaults);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setDefaultValueProvider(defaults);
        withoutHeaderSection(cl);
        try {
            defaults.unknownKeys(HtmxwsCommand::full).forEach(err::println);
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands Exceptions to Failures but lets Errors through; they get the same one line
            err.println("htmxws: internal error: " + e + (e instanceof OutOfMemoryError
                ? " (this JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MiB; HTMXWS_JAVA_OPTS=-Xmx1g gives it more)"
                : " (please report it)"));
            return ExitCode.INTERNAL;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
