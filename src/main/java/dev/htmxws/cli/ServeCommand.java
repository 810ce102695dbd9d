package dev.htmxws.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code htmxws serve}: an embedded server for a demo chat room or the user's own page. */
@Command(name = "serve", header = "Serve a page and its WebSocket on 127.0.0.1 for front-end work", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Serve a page and its WebSocket on one port of 127.0.0.1 until Ctrl-C: the",
    "demo chat room (default), or your own --page: each line typed on stdin is",
    "pushed to every client, and every frame a client sends is printed (pretty",
    "JSON on a terminal, raw when piped); --echo answers each with a template.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "2:usage error",
    "3:the port or a file could not be opened",
    "130:stopped (Ctrl-C)",
}, footerHeading = "%nExamples:%n", footer = {
    "  htmxws serve                      # the chat room at http://127.0.0.1:8000/",
    "  htmxws serve --assets vendor/     # offline: vendor/htmx.min.js, vendor/ws.js",
    "  htmxws serve --page chat.html --ws-path /chatroom",
    "  htmxws serve --page chat.html --echo '<p id=\"out\">{chat_message}</p>'",
    "Defaults go in .htmxws.properties as serve.NAME (serve.port=8001).",
})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", paramLabel = "chat", description = "The built-in demo to serve (default: chat).")
    String demo;

    @Option(names = "--page", paramLabel = "FILE", description = "Serve this HTML file at / (read again on each request).")
    Path page;

    @Option(names = "--ws-path", paramLabel = "PATH", defaultValue = "/chatroom", description = "Where the WebSocket is, on the same port. Default: ${DEFAULT-VALUE}.")
    String wsPath;

    @Option(names = "--echo", paramLabel = "TEMPLATE", description = "--page mode: answer each client message with TEMPLATE, {field} and {HEADERS.HX-Trigger} filled"
        + " from its JSON (HTML-escaped; {{ and }} for braces).")
    String echo;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}; another one is reachable from other machines.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000", description = "Port for the page and the WebSocket (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--assets", paramLabel = "DIR", description = "Serve htmx.min.js and ws.js from DIR at /assets/ instead of loading them from unpkg.com.")
    Path assets;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "100", description = "More clients are told so and closed with 1013. Default: ${DEFAULT-VALUE}.")
    int maxClients;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "65536", description = "Larger client messages close the socket with 1009. Default: ${DEFAULT-VALUE} (64 KiB).")
    int maxMessageSize;

    @Option(names = "--ping-interval", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.class, description = "Ping each client this often, dropping those that stop answering (0s: off). Default: ${DEFAULT-VALUE}.")
    Duration pingInterval;

    @Option(names = "--any-origin", description = "Accept WebSocket upgrades from pages of other origins too.")
    boolean anyOrigin;

    @Option(names = "--format", paramLabel = "pretty|raw", description = "--page mode: how client frames are printed. Default: pretty on a terminal, raw when piped.")
    Format format;

    /** How --page mode prints client frames. */
    enum Format { pretty, raw }

    @Override
    public Integer call() throws Exception {
        return new ServeRunner(this).run();
    }
}
