package dev.htmxws.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htmxws send}: one message as htmx would build it, then wait for what the test expects. */
@Command(name = "send", header = "Send a message as htmx would, then wait for the replies", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Send a message as htmx would (form values as JSON with the dialect's headers), then wait, without a",
    "blind sleep, for --expect replies, --until a selector matches or a text arrives, or --quiet-for.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:sent, and the expectation (if any) was met",
    "1:the expectation was not met in time (what did arrive is printed)",
    "2:usage error",
    "3:connection failure, or a message that could not be sent",
    "130:interrupted (Ctrl-C)",
}, footerHeading = "%nExamples:%n", footer = {
    "  htmxws send --form chat_message=hi ws://localhost:8000/chatroom",
    "  htmxws send --page http://localhost:8000/ --form chat_message=hi --expect 1",
    "  htmxws send --page http://localhost:8000/ --form chat_message=hi --until '#chat_room p'",
    "  htmxws send --raw '{\"type\":\"ping\"}' --expect 1 ws://localhost:8000/ws",
    "  htmxws send --dry-run --htmx 4 --form q=x ws://localhost:8000/ws   # print the frame only",
})
public final class SendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions conn = new ConnectionOptions();

    @Option(names = "--form", paramLabel = "NAME=VALUE", description = "A field value (repeatable; repeated names make arrays).")
    List<String> form = new ArrayList<>();

    @Option(names = "--form-selector", paramLabel = "CSS", description = "Page mode: the send element (default: the only one).")
    String formSelector;

    @Option(names = "--click", paramLabel = "CSS", description = "Page mode: click this button instead of submitting.")
    String click;

    @Option(names = "--trigger", paramLabel = "ID", description = "No page: the send element's id (HX-Trigger).")
    String trigger;

    @Option(names = "--trigger-name", paramLabel = "NAME", description = "No page: the send element's name (HX-Trigger-Name).")
    String triggerName;

    @Option(names = "--target", paramLabel = "ID", description = "No page: the hx-target element's id (HX-Target).")
    String target;

    @Option(names = "--current-url", paramLabel = "URL", description = "HX-Current-URL (default: the page's URL).")
    String currentUrl;

    @Option(names = "--hx-header", paramLabel = "NAME=VALUE", description = "No page: an hx-headers entry (repeatable).")
    List<String> hxHeaders = new ArrayList<>();

    @Option(names = "--raw", paramLabel = "TEXT", description = "Send this text as is (repeatable).")
    List<String> raw = new ArrayList<>();

    @Option(names = "--json", paramLabel = "JSON", description = "Send this JSON as is, after checking it parses (repeatable).")
    List<String> json = new ArrayList<>();

    @Option(names = "--binary", paramLabel = "FILE|-", description = "Send this file (-: standard input) as one binary frame (repeatable).")
    List<String> binary = new ArrayList<>();

    @Option(names = "--stdin", description = "Send each line of standard input as one message, in order.")
    boolean stdin;

    @Option(names = "--max-queue", paramLabel = "N", defaultValue = "1000", description = "With --stdin: read no further while N messages wait to be written (the socket is down or the"
        + " server reads slowly); when none has moved on for --timeout, stop with an error. Default: ${DEFAULT-VALUE}.")
    int maxQueue;

    @Option(names = "--dry-run", description = "Print the frame(s) htmx would send; connect to nothing.")
    boolean dryRun;

    @Option(names = "--expect", paramLabel = "N", defaultValue = "0", description = "Wait for N messages that arrive after the send is made (a greeting that came first is not counted;"
        + " use --until for a reply you can name).")
    int expect;

    @Option(names = "--until", paramLabel = "PATTERN", description = "Wait until this CSS selector matches the page after swaps, or this text arrives.")
    String until;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class, description = "How long to wait in all (with --stdin: after the input ends). Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--quiet-for", paramLabel = "DURATION", converter = Durations.class, description = "After sending, wait until nothing has arrived for this long.")
    Duration quietFor;

    @Option(names = "--format", paramLabel = "text|html|raw|ndjson", description = "How to print replies (default: text on a terminal, raw when piped); ndjson: one JSON object per event (docs/ndjson.schema.json).")
    MessagePrinter.Format format;

    @Override
    public Integer call() throws Exception {
        return new SendRunner(this).run();
    }
}
