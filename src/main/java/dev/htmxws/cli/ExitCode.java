package dev.htmxws.cli;

/** The exit codes every htmxws command uses; documented in {@code htmxws --help}. */
public final class ExitCode {
    /** Done; nothing failed. */
    public static final int OK = 0;
    /** A check or expectation failed (migrate --check found work, an error-level finding). */
    public static final int FAILED = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** A file or connection could not be read, decoded or written. */
    public static final int IO = 3;
    /** A bug in htmxws (sysexits EX_SOFTWARE); --verbose shows the stack trace. */
    public static final int INTERNAL = 70;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    /** The exit code of an interactive {@code connect} session. */
    public static int ofShell(dev.htmxws.shell.InteractiveShell.Ending ending, dev.htmxws.script.ScriptEngine engine) {
        if (ending == dev.htmxws.shell.InteractiveShell.Ending.INTERRUPTED) {
            return INTERRUPTED;
        }
        if (!engine.everOpened() && engine.connectionFailure() != null) {
            return IO;
        }
        return engine.results().stream().anyMatch(r -> !r.met()) ? FAILED : OK;
    }

    private ExitCode() {
    }
}
