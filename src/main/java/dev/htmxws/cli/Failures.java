package dev.htmxws.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become messages and exit codes: one line on stderr naming the input and what
 * to do; a stack trace only with --verbose.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String msg = ex.getMessage();
        if (!msg.isEmpty()) {
            msg = Character.toLowerCase(msg.charAt(0)) + msg.substring(1);
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + msg + " (see '"
            + cl.getCommandSpec().qualifiedName() + " --help')");
        if (isVerbose(args)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        int code;
        if (ex instanceof UsageException) {
            err.println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
            code = ExitCode.USAGE;
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            err.println(name + ": " + ex.getMessage());
            code = ExitCode.IO;
        } else if (ex instanceof InterruptedException) {
            err.println(name + ": interrupted");
            code = ExitCode.INTERRUPTED;
        } else {
            err.println(name + ": internal error: " + ex
                + (isVerbose(parsed.originalArgs().toArray(new String[0])) ? "" : " (rerun with --verbose for details and report it)"));
            code = ExitCode.INTERNAL;
        }
        if (isVerbose(parsed.originalArgs().toArray(new String[0]))) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
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
