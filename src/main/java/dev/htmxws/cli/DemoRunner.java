package dev.htmxws.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.client.LiveEvent;
import dev.htmxws.client.LiveSession;
import dev.htmxws.client.PageSource;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.script.LineParser;
import dev.htmxws.script.ScriptEngine;
import dev.htmxws.script.ShellOutput;
import dev.htmxws.server.ChatPage;
import dev.htmxws.server.ChatRoom;
import dev.htmxws.server.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code htmxws demo} does: the chat demo on a free loopback port and two clients driven by the same
 * script engine as {@code connect}, one step at a time from this thread (each client's loop runs only while
 * its step runs; what arrives meanwhile waits in its queue), so the printed story is always in the same order.
 */
final class DemoRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WS_PATH = "/chatroom";

    private final DemoCommand c;
    private final PrintWriter out;

    DemoRunner(DemoCommand c) {
        this.c = c;
        this.out = c.spec.commandLine().getOut();
    }

    int run() throws Exception {
        String message = c.message.strip();
        if (message.isEmpty() || message.contains("\n") || message.contains("\r")) {
            throw new UsageException("--message must be one line of text");
        }
        Server.Config cfg = new Server.Config("127.0.0.1", 0, WS_PATH, 10, 65536, Duration.ZERO, false);
        String html = ChatPage.html(false, WS_PATH);
        List<Peer> peers = new ArrayList<>();
        try (Server server = Server.start(cfg, () -> html, null, new ChatRoom(), line -> {})) {
            out.println("htmxws demo: a chat room at " + server.pageUrl() + " (WebSocket " + server.wsUrl() + ")");
            out.println("Two clients load its page the way a browser would and talk through its ws-send form.");

            step("1. bob loads the page and connects; the server sends him the recent log, the users count\n"
                + "   and a status line, each swapped into the element with its id:");
            Peer bob = new Peer("bob", server.pageUrl(), message);
            peers.add(bob);
            Integer failed = bob.run("expect swap #status");
            if (failed != null) {
                return failed;
            }

            step("2. alice does the same, and bob's page shows her joining:");
            Peer alice = new Peer("alice", server.pageUrl(), message);
            peers.add(alice);
            if ((failed = alice.run("expect swap #status")) != null
                || (failed = bob.run("expect count \"#chat_room .notice\" 2")) != null) {
                return failed;
            }

            step("3. alice fills in her name and a message and presses Enter: the form sends its fields as\n"
                + "   JSON, with the HEADERS htmx adds; the answer updates three elements at once:");
            if ((failed = alice.run("submit #chat_form name=alice chat_message=\"${MESSAGE}\"",
                "expect swap #chat_room beforeend")) != null) {
                return failed;
            }

            out.println("  the frame alice sent, whole:");
            out.println(alice.lastSent.replaceAll("(?m)^", "  alice │   "));

            step("4. bob receives the same fragments:");
            if ((failed = bob.run("expect text #chat_room contains \"${MESSAGE}\"")) != null) {
                return failed;
            }

            step("5. bob's page now:");
            bob.run("dom #chat_room");
            for (Peer p : peers) {
                p.leave();
            }

            out.println();
            out.println("Try it yourself:");
            out.println(
                "  htmxws serve                                  # the same chat room; open http://127.0.0.1:8000/ in a browser");
            out.println(
                "  htmxws connect --page http://127.0.0.1:8000/  # join it from a terminal, then type: chat_message=hi");
            return ExitCode.OK;
        } finally {
            for (Peer p : peers) {
                p.leave();
            }
            out.flush();
        }
    }

    private static String pretty(String frame) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(frame));
        } catch (JsonProcessingException e) {
            return frame;
        }
    }

    private void step(String text) {
        out.println();
        out.println(text);
        out.flush();
    }

    /** One client: a page fetched from the demo, a session, the engine that runs its lines. */
    private final class Peer {

        private final String name;
        private final LiveSession session;
        private final ScriptEngine engine;
        private int offered;
        private int taken;
        private String lastSent = "";
        private boolean left;

        Peer(String name, String pageUrl, String message) throws IOException {
            this.name = name;
            WsOptions defaults = WsOptions.defaults();
            PageSource page = PageSource.fetch(pageUrl, defaults);
            WsOptions ws = page.origin() != null ? defaults.withOrigin(page.origin()) : defaults;
            String label = String.format("  %-5s │ ", name);
            java.util.function.Consumer<String> print = line -> {
                if (!left) { // after the story, the goodbyes are not part of it
                    out.println(label + line);
                }
            };
            ShellOutput output = new ShellOutput(ShellOutput.Format.text, print, print);
            ScriptEngine[] engine = new ScriptEngine[1];
            this.session = new LiveSession(page.detection().dialect(), page.dom(), ws, 0, LiveSession.Messages.APPLY,
                e -> {
                    if (e instanceof LiveEvent.Page p && p.event() instanceof PageEvent.Sent sent) {
                        lastSent = pretty(sent.frame());
                    }
                    engine[0].onEvent(e);
                });
            // the user's text goes in through ${MESSAGE} (substituted values are not scanned again), escaped for
            // the "double quotes" around it
            String quoted = message.replace("\\", "\\\\").replace("\"", "\\\"");
            LineParser parser = new LineParser(v -> v.equals("MESSAGE") ? quoted : null);
            this.engine = engine[0] = new ScriptEngine(session, true, output, parser, c.timeout, Durations::parse);
            session.start();
        }

        /** Closes the socket (1000), quietly: the story is over. */
        void leave() throws InterruptedException {
            if (!left) {
                left = true;
                session.post(engine::closing);
                session.closeAndWait();
            }
        }

        /** Runs these lines to the end; null when all went well, else the exit code (after saying why). */
        Integer run(String... lines) throws InterruptedException {
            for (String line : lines) {
                int n = ++offered;
                session.post(() -> {
                    engine.offer(line, name + ":" + n);
                    taken++;
                });
            }
            long limit = c.timeout.toMillis() * (lines.length + 1);
            boolean done = session.runUntil(() -> (taken == offered && engine.idle())
                || (!engine.everOpened() && engine.connectionFailure() != null), limit);
            out.flush();
            if (!engine.everOpened() && engine.connectionFailure() != null) {
                return ExitCode.IO; // the engine has said why
            }
            if (!done) {
                out.println("  " + name + " did not finish within " + (limit / 1000) + "s");
                return ExitCode.FAILED;
            }
            if (engine.usageErrors() > 0) {
                return ExitCode.INTERNAL; // a line above is wrong: ours, not the user's
            }
            return engine.results().stream().anyMatch(r -> !r.met()) ? ExitCode.FAILED : null;
        }
    }
}
