package dev.htmxws.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htmxws connect}: an htmx shell on a terminal, a script runner otherwise. */
@Command(name = "connect", header = "Interactive htmx shell, or script runner, over a WebSocket or an event stream", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "An interactive htmx shell on a page's WebSockets and event streams, or a bare ws:// URL (when standard",
    "input is a terminal), or a script runner: one command per line (from --script FILE or a pipe), run in",
    "order as they arrive, with expectations that wait, with a deadline, for what htmx would see: swaps,",
    "texts, messages and events, the htmx requests they trigger. Type /help in the shell for the commands.",
    "In the shell: Tab completes commands, and field names and ids of the page.",
    "Ctrl-R searches the history: $XDG_STATE_HOME/htmxws/history (default",
    "~/.local/state/htmxws/history), secret values replaced by ***; piped input",
    "is never kept. A /raw or /json line ending with \\ goes on on the next line.",
    "The prompt is htmx2> while a socket or stream is open, htmx2…> otherwise. /quit, Ctrl-D, or",
    "Ctrl-C on an empty line end the shell.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:every expectation met",
    "1:an expectation failed (file:line, what was expected and the last messages are printed)",
    "2:usage error (bad option, or a script line that cannot be read)",
    "3:connection failure, or a message not (surely) delivered",
    "130:interrupted (Ctrl-C)",
}, footerHeading = "%nExamples:%n", footer = {
    "  htmxws connect ws://localhost:8000/chatroom",
    "  htmxws connect --page http://localhost:8000/ --script chat.htmxws --junit report.xml",
    "  printf 'chat_message=hi\\nexpect swap #chat_room\\n' | htmxws connect --format ndjson ws://localhost:8000/chatroom",
})
public final class ConnectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions conn = new ConnectionOptions();

    @Option(names = "--script", paramLabel = "FILE", description = "Run the commands of FILE (one per line).")
    Path script;

    @Option(names = "--format", paramLabel = "text|ndjson", defaultValue = "text", description = "text: readable lines; ndjson: one JSON object per event on stdout (docs/ndjson.schema.json). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class, description = "Deadline of an expect without 'within'. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report, one test case per expect.")
    Path junit;

    @Override
    public Integer call() throws Exception {
        return new ConnectRunner(this).run();
    }
}
