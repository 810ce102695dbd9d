package dev.htmxws.cli;

import dev.htmxws.files.UserFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become messages and exit codes: one line on stderr naming the input and what
 * to do; a stack trace only with --verbose.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Where defaulted values came from, so that a bad one names its source. */
    private final DefaultsProvider defaults;

    Failures(DefaultsProvider defaults) {
        this.defaults = defaults;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String msg = ex instanceof UnmatchedArgumentException u && unknownOptions(u) != null ? unknownOptions(u)
            : ex.getMessage();
        if (!msg.isEmpty()) {
            msg = Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": error: " + msg + defaults.sourceOf(msg, null) + " (see '"
            + cl.getCommandSpec().qualifiedName() + " --help')");
        if (isVerbose(args)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    /**
     * "unknown option: '--formt'; did you mean --format?" for options picocli did not know (and "unknown command",
     * "unexpected argument"). Picocli also lists the arguments that followed an unknown option (a URL, say), as if
     * they were wrong too; only the options are named.
     */
    private static String unknownOptions(UnmatchedArgumentException u) {
        List<String> unmatched = u.getUnmatched();
        if (unmatched.isEmpty()) {
            return null;
        }
        List<String> options = unmatched.stream().filter(a -> a.startsWith("-") && a.length() > 1).toList();
        CommandLine cl = u.getCommandLine();
        boolean commandFirst = !cl.getSubcommands().isEmpty() && !unmatched.get(0).startsWith("-");
        if (!options.isEmpty() && !commandFirst) { // "htmxws sned --raw hi": the command is what is wrong
            return "unknown option" + (options.size() == 1 ? "" : "s") + ": " + quoted(options)
                + didYouMean(options.get(0), cl.getCommandSpec().optionsMap().keySet());
        } else if (!cl.getSubcommands().isEmpty()) {
            return "unknown command: " + quoted(unmatched.subList(0, 1))
                + didYouMean(unmatched.get(0), cl.getSubcommands().keySet());
        }
        return "unexpected argument" + (unmatched.size() == 1 ? "" : "s") + ": " + quoted(unmatched);
    }

    /** The names a typo was probably meant as: within two edits (one for short names), closest first. */
    static String didYouMean(String typed, Collection<String> names) {
        int limit = typed.replaceFirst("^-+", "").length() <= 3 ? 1 : 2;
        Map<Integer, List<String>> byDistance = new TreeMap<>();
        for (String name : names) {
            int d = editDistance(typed, name);
            if (d <= limit) {
                byDistance.computeIfAbsent(d, k -> new ArrayList<>()).add(name);
            }
        }
        if (byDistance.isEmpty()) {
            return "";
        }
        List<String> best = byDistance.values().iterator().next();
        return "; did you mean " + String.join(" or ", best.stream().sorted().toList()) + "?";
    }

    /** Levenshtein distance, case-insensitive. */
    private static int editDistance(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        int[] prev = new int[y.length() + 1];
        int[] cur = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int sub = prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[y.length()];
    }

    private static String quoted(List<String> args) {
        return args.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        int code;
        if (ex instanceof UsageException) {
            err.println(name + ": error: " + ex.getMessage() + defaults.sourceOf(ex.getMessage(), leaf(parsed))
                + " (see '" + name
                + " --help')");
            code = ExitCode.USAGE;
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            IOException io = ex instanceof IOException e ? e : ((UncheckedIOException) ex).getCause();
            err.println(name + ": error: " + UserFiles.why(io));
            code = ExitCode.IO;
        } else if (ex instanceof InterruptedException) {
            err.println(name + ": error: interrupted");
            code = ExitCode.INTERRUPTED;
        } else {
            err.println(name + ": error: internal error: " + ex
                + (isVerbose(parsed.originalArgs().toArray(new String[0])) ? ""
                    : " (rerun with --verbose for details and report it)"));
            code = ExitCode.INTERNAL;
        }
        if (isVerbose(parsed.originalArgs().toArray(new String[0]))) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The parse result of the command that ran (the subcommand's, not the top command's). */
    private static ParseResult leaf(ParseResult p) {
        ParseResult r = p;
        while (r != null && r.subcommand() != null) {
            r = r.subcommand();
        }
        return r;
    }

    private static boolean isVerbose(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
