package dev.htmxws.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.files.UserFiles;
import dev.htmxws.server.Assets;
import dev.htmxws.server.ChatPage;
import dev.htmxws.server.ChatRoom;
import dev.htmxws.server.Client;
import dev.htmxws.server.PageRoom;
import dev.htmxws.server.Room;
import dev.htmxws.server.Server;
import dev.htmxws.server.Template;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code htmxws serve} does. It serves until the JVM stops (Ctrl-C: a shutdown hook closes the servers, the
 * exit code is the JVM's 130) or until its thread is interrupted (how a test stops it: the servers are closed
 * and the command ends with 130, as after Ctrl-C). End of stdin does not stop it: a server started with
 * {@code < /dev/null} or in the background keeps serving.
 */
final class ServeRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServeCommand c;

    ServeRunner(ServeCommand c) {
        this.c = c;
    }

    int run() throws Exception {
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        validate();
        String bad = c.page == null ? null : UserFiles.whyNotReadable(c.page);
        if (bad != null) { // said before the port is taken
            throw new UsageException("--page " + c.page + ": " + bad);
        }
        if (c.assets != null && !Files.isDirectory(c.assets)) {
            throw new UsageException("--assets " + c.assets + ": " + (Files.exists(c.assets) ? "not a folder"
                : "no such folder"));
        }
        boolean loopback = loopback(c.host);
        Assets assets = c.assets == null ? null : Assets.of(c.assets);
        Server.Config cfg = new Server.Config(c.host, c.port, c.wsPath, c.maxClients, c.maxMessageSize, c.pingInterval,
            c.anyOrigin);
        java.util.function.Consumer<String> log = line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
        Room room;
        Server.Page page;
        if (c.page != null) {
            ServeCommand.Format format = c.format != null ? c.format
                : System.console() != null ? ServeCommand.Format.pretty : ServeCommand.Format.raw;
            Template echo = c.echo == null ? null : Template.parse(c.echo);
            room = new PageRoom(echo, (client, frame) -> print(out, format, client, frame), log);
            page = () -> Files.readString(c.page, StandardCharsets.UTF_8);
        } else {
            room = new ChatRoom();
            String html = ChatPage.html(assets != null, c.wsPath);
            page = () -> html;
        }
        Server server = Server.start(cfg, page, assets, room, log);
        Thread hook = new Thread(server::close, "htmxws-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (!loopback) {
                err.println("warning: listening on " + c.host + ", reachable from other machines: anyone who can reach"
                    + " it can join"
                    + (c.page != null ? ", read what clients send and get what you type" : " the chat"));
                err.flush();
            }
            out.println("serving " + server.pageUrl() + " (WebSocket " + server.wsUrl() + ")");
            out.flush();
            if (c.page != null) {
                readStdin(server.hub(), log);
            }
            new CountDownLatch(1).await(); // until Ctrl-C (the hook) or an interrupt
            return ExitCode.INTERRUPTED;
        } finally {
            boolean interrupted = Thread.interrupted(); // let the servers say goodbye before the sockets close
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void validate() {
        if (c.demo != null && c.page != null) {
            throw new UsageException("--demo and --page exclude each other: serve the demo, or your page");
        }
        if (c.demo != null && !c.demo.equals("chat")) {
            throw new UsageException("--demo '" + c.demo + "': the only demo is chat");
        }
        if (c.echo != null && c.page == null) {
            throw new UsageException(
                "--echo answers client messages in --page mode; the chat demo answers them itself");
        }
        if (c.echo != null) {
            try {
                Template.parse(c.echo);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--echo: " + e.getMessage());
            }
        }
        if (c.format != null && c.page == null) {
            throw new UsageException("--format says how --page mode prints client frames; the chat demo prints none");
        }
        if (!c.wsPath.startsWith("/") || c.wsPath.contains("?") || c.wsPath.contains("#") || c.wsPath.contains(" ")) {
            throw new UsageException("--ws-path '" + c.wsPath + "': write a path such as /chatroom");
        }
        if (c.wsPath.equals("/") || c.wsPath.startsWith("/assets/")) {
            throw new UsageException("--ws-path '" + c.wsPath + "' is where the page or the assets are; pick another");
        }
        if (c.port < 0 || c.port > 65535) {
            throw new UsageException("--port '" + c.port + "': pick 1-65535, or 0 for any free port");
        }
        if (c.maxClients < 1) {
            throw new UsageException("--max-clients '" + c.maxClients + "': give 1 or more");
        }
        if (c.maxMessageSize < 1) {
            throw new UsageException("--max-message-size '" + c.maxMessageSize + "': give a positive number of bytes");
        }
        if (c.pingInterval.isNegative()) {
            throw new UsageException("--ping-interval must not be negative");
        }
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw new UsageException("--host '" + host + "': unknown host");
        }
    }

    /** One client frame on stdout: raw exactly as it came, or pretty (indented JSON, HEADERS included). */
    private static void print(PrintWriter out, ServeCommand.Format format, Client client, String frame) {
        String text = frame;
        if (format == ServeCommand.Format.pretty) {
            String body = frame;
            try {
                JsonNode n = JSON.readTree(frame);
                if (n != null && n.isContainerNode()) {
                    body = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
                }
            } catch (IOException e) {
                // not JSON: as it came
            }
            text = client + ":\n" + body;
        }
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    /** Each line of stdin goes to every client as one frame; end of input stops only the reading. */
    private static void readStdin(Room.Hub hub, java.util.function.Consumer<String> log) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (PageRoom.push(hub, line) == 0) {
                        log.accept("not sent: no client is connected");
                    }
                }
            } catch (IOException e) {
                log.accept("error: reading standard input: " + e.getMessage());
            }
        }, "htmxws-serve-stdin");
        reader.setDaemon(true);
        reader.start();
    }
}
