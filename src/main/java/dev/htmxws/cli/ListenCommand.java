package dev.htmxws.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htmxws listen}: print what the server pushes, message by message, as htmx would see it. */
@Command(name = "listen", header = "Print what the server pushes, with the swaps htmx would apply", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Print what the server pushes until --count messages, --timeout, a close without reconnect, or Ctrl-C.",
    "Each message or Server-Sent Event is shown with the swaps htmx would apply; with a page, they are",
    "applied to it, and the htmx requests they trigger are made and shown with their swaps.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:done (count reached, timeout without --count, or the server closed for good)",
    "1:--count not reached before the timeout or the close",
    "2:usage error",
    "3:connection failure",
    "130:interrupted (Ctrl-C)",
}, footerHeading = "%nExamples:%n", footer = {
    "  htmxws listen ws://localhost:8000/chatroom",
    "  htmxws listen --format ndjson --count 10 ws://localhost:8000/chatroom > messages.ndjson",
    "  htmxws listen --page http://localhost:8000/ --select '#chat_room' --dom-out final.html",
    "  htmxws listen --page http://localhost:8080/news.html --count 3",
})
public final class ListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions conn = new ConnectionOptions();

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "Stop after N messages.")
    int count;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class, description = "Stop after this long (default: no limit).")
    Duration timeout;

    @Option(names = "--format", paramLabel = "text|html|raw|ndjson", description = "text: one line per swap; html; raw: exactly the frames; ndjson: one JSON object per event (docs/ndjson.schema.json)."
        + " Default: text on a terminal, raw when piped.")
    MessagePrinter.Format format;

    @Option(names = "--select", paramLabel = "CSS", description = "Page mode: print this selection's text after each message.")
    String select;

    @Option(names = "--dom-out", paramLabel = "FILE", description = "Page mode: write the final page to FILE.")
    Path domOut;

    @Option(names = "--sse", description = "The URL is a Server-Sent Events stream (found out by itself when it answers"
        + " text/event-stream).")
    boolean sse;

    @Override
    public Integer call() throws Exception {
        return new ListenRunner(this).run();
    }
}
