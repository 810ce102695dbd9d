package dev.htmxws.cli;

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
}, subcommands = {DemoCommand.class, ConnectCommand.class, SendCommand.class, ListenCommand.class, MigrateCommand.class,
    ServeCommand.class,
    CompletionCommand.class,
    HelpCommand.class}, synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n", exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
        "0:done, nothing failed",
        "1:a check or expectation failed",
        "2:usage error (bad option or argument)",
        "3:a file or connection could not be read or written",
        "70:internal error (a bug: rerun with --verbose and report it)",
        "130:interrupted (Ctrl-C)",
    }, footerHeading = "%n", footer = "Run 'htmxws help COMMAND' or 'htmxws COMMAND --help' for a command's options.")
public final class HtmxwsCommand implements Runnable {

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
