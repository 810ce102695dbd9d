package dev.htmxws.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code htmxws} command: only subcommands and the shared options. */
@Command(name = "htmxws", header = "Speak htmx's WebSocket and Server-Sent Events protocols from a terminal or a CI script", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Speak htmx's WebSocket and Server-Sent Events protocols (htmx 1, 2 and 4) from a terminal or a CI",
    "script, exactly as a browser would, with the htmx requests events trigger; and migrate legacy",
    "hx-ws/hx-sse templates.",
}, synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:done, nothing failed",
    "1:a check or expectation failed",
    "2:usage error (bad option or argument)",
    "3:a file or connection could not be read or written",
    "70:internal error (a bug: rerun with --verbose and report it)",
    "130:interrupted (Ctrl-C)",
}, footerHeading = "%n", footer = "Run 'htmxws help COMMAND' or 'htmxws COMMAND --help' for a command's options.")
public final class HtmxwsCommand implements Runnable {

    /**
     * The subcommands, in the order --help lists them. They are not in the annotation: picocli would build every
     * command's model (reflection, annotation proxies) before knowing which one runs, a cost paid on each call from a
     * script. {@link #forArgs} builds only the one the arguments name. (Names and a switch rather than a map of
     * constructor references: JDK 25 fails to write its AOT cache with such a map in a static field.)
     */
    private static final List<String> COMMANDS = List.of("demo", "connect", "send", "listen", "migrate", "serve",
        "completion", "help");

    private static Object command(String name) {
        return switch (name) {
            case "demo" -> new DemoCommand();
            case "connect" -> new ConnectCommand();
            case "send" -> new SendCommand();
            case "listen" -> new ListenCommand();
            case "migrate" -> new MigrateCommand();
            case "serve" -> new ServeCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new HelpCommand();
            default -> null;
        };
    }

    /** The whole command tree: for --help, the generated docs and completions, and an unknown command's suggestions. */
    public static CommandLine full() {
        CommandLine cl = new CommandLine(new HtmxwsCommand());
        for (String name : COMMANDS) {
            cl.addSubcommand(name, command(name));
        }
        return cl;
    }

    /** The tree for one command line: the root and the one subcommand its first word names (all when it names none). */
    public static CommandLine forArgs(String... args) {
        String first = null;
        for (String a : args) {
            if (a.equals("--verbose")) {
                continue; // the one option the root shares with every command
            }
            first = a;
            break;
        }
        boolean listsCommands = first == null || first.equals("help") || first.equals("--help") || first.equals("-h");
        Object named = first == null ? null : command(first);
        if (listsCommands || named == null && !first.startsWith("-")) {
            return full(); // the usage, or an unknown command's suggestions, need every command
        }
        CommandLine cl = new CommandLine(new HtmxwsCommand());
        if (named != null) {
            cl.addSubcommand(first, named); // else --version (or a root option): no command at all
        }
        return cl;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show details of failures, including stack traces.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UsageException("a command is required");
    }
}
