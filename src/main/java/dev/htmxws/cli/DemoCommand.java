package dev.htmxws.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htmxws demo}: the chat room and two clients talking in it, step by step, then how to try it yourself. */
@Command(name = "demo", header = "Run the chat demo: two clients talk through htmx, step by step", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Start the chat demo on a free port of 127.0.0.1, let two htmxws clients (bob and",
    "alice) load its page and talk in it, print each step (the frame sent, the fragments",
    "received, the swaps applied, the page that results), then print how to open the",
    "chat in a browser and join it from a terminal. Needs nothing but htmxws.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:the demo ran: both clients saw the message",
    "1:a client did not see what it should have",
    "3:the demo server or a connection failed",
}, footerHeading = "%nExamples:%n", footer = {
    "  htmxws demo",
    "  htmxws demo --message 'Hi from CI'",
})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--message", paramLabel = "TEXT", defaultValue = "Hello from htmxws!", description = "What alice says. Default: ${DEFAULT-VALUE}")
    String message;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class, description = "How long each step may take. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        return new DemoRunner(this).run();
    }
}
