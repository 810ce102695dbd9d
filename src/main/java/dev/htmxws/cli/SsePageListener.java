package dev.htmxws.cli;

import dev.htmxws.net.SseClient;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.PageModel;
import dev.htmxws.protocol.incoming.ApplyResult;
import dev.htmxws.protocol.incoming.SseSwaps;
import dev.htmxws.sse.SseEvent;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsoup.nodes.Element;

/**
 * {@code listen} on a page that uses htmx 2's sse extension: one event stream per {@code sse-connect}
 * element, each event swapped into the {@code sse-swap} elements that name it, {@code sse-close} honoured.
 */
final class SsePageListener {

    private record Note(Element connect, SseEvent event, String line, boolean failed, boolean closed) {
    }

    private final ListenCommand cmd;
    private final Target.Resolved t;
    private final PrintWriter out;
    private final PrintWriter err;

    SsePageListener(ListenCommand cmd, Target.Resolved t, PrintWriter out, PrintWriter err) {
        this.cmd = cmd;
        this.t = t;
        this.out = out;
        this.err = err;
    }

    int run() throws Exception {
        List<Element> connects = new ArrayList<>();
        for (Element e : t.page().dom().document().select("[sse-connect], [data-sse-connect]")) {
            if (PageModel.extensionActive(e, "sse")) {
                connects.add(e);
            }
        }
        if (connects.isEmpty()) {
            throw new UsageException(
                "the page's sse-connect elements are not under hx-ext=\"sse\", so htmx ignores them");
        }
        BlockingQueue<Note> notes = new LinkedBlockingQueue<>();
        List<SseClient> clients = new ArrayList<>();
        WsOptions o = t.ws();
        for (Element c : connects) {
            String value = c.hasAttr("sse-connect") ? c.attr("sse-connect") : c.attr("data-sse-connect");
            URI url = URI.create(t.page().dom().url()).resolve(value);
            SseClient.Builder b = SseClient.builder(url).tls(o.tls()).connectTimeout(o.connectTimeout())
                .reconnect(!cmd.conn.noReconnect).maxRetries(cmd.conn.maxRetries);
            for (String[] h : o.headers()) {
                b.header(h[0], h[1]);
            }
            if (t.page().cookiesFor("ws://" + url.getRawAuthority() + "/")) {
                b.cookie(t.page().cookies());
            }
            clients.add(b.start(new SseClient.Listener() {
                @Override
                public void opened(int status, String contentType) {
                    notes.add(new Note(c, null, "connected to " + url + " (Server-Sent Events)", false, false));
                }

                @Override
                public void event(SseEvent e) {
                    notes.add(new Note(c, e, null, false, false));
                }

                @Override
                public void reconnecting(int attempt, long delayMillis, String lastEventId, String reason) {
                    notes.add(new Note(c, null, reason + "; reconnecting in " + delayMillis + " ms", false, false));
                }

                @Override
                public void failed(String message) {
                    notes.add(new Note(c, null, "error: " + message, true, false));
                }

                @Override
                public void closed() {
                    notes.add(new Note(c, null, null, false, true));
                }
            }));
        }
        MessagePrinter printer = new MessagePrinter(MessagePrinter.defaultFormat(cmd.format), out, err);
        Thread hook = new Thread(() -> clients.forEach(SseClient::close));
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = cmd.timeout == null ? Long.MAX_VALUE : System.nanoTime() + cmd.timeout.toNanos();
        int open = clients.size();
        boolean failed = false;
        try {
            while (open > 0 && (cmd.count == 0 || printer.received < cmd.count)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Note n = notes.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (n == null) {
                    continue;
                }
                if (n.closed()) {
                    open--;
                } else if (n.line() != null) {
                    err.println(n.line());
                    err.flush();
                    failed |= n.failed();
                } else {
                    swap(n.connect(), n.event(), printer);
                    if (closes(n.connect(), n.event().type())) {
                        clients.get(connects.indexOf(n.connect())).close();
                    }
                }
            }
        } finally {
            clients.forEach(SseClient::close);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        if (cmd.domOut != null) {
            Files.writeString(cmd.domOut, t.page().dom().document().outerHtml(), StandardCharsets.UTF_8);
        }
        if (failed && printer.received == 0) {
            return ExitCode.IO;
        }
        return ListenRunner.countReached(cmd, printer.received, err);
    }

    /** Swaps the event into every sse-swap element under (or on) the connect element that names it. */
    private void swap(Element connect, SseEvent e, MessagePrinter printer) {
        List<Element> listeners = new ArrayList<>();
        for (Element el : connect.select("[sse-swap], [data-sse-swap]")) {
            if (SseSwaps.events(el).contains(e.type())) {
                listeners.add(el);
            }
        }
        List<dev.htmxws.protocol.incoming.PlannedSwap> swaps = new ArrayList<>();
        List<dev.htmxws.protocol.Warning> warnings = new ArrayList<>();
        for (Element el : listeners) {
            ApplyResult r = SseSwaps.apply(t.page().dom(), el, e.data());
            swaps.addAll(r.applied());
            warnings.addAll(r.warnings());
        }
        printer.message(e.data(), swaps, warnings);
        if (cmd.select != null) {
            out.println(
                cmd.select + ": " + MessagePrinter.abbreviate(t.page().dom().document().select(cmd.select).text()));
        }
        printer.flush();
    }

    private static boolean closes(Element connect, String type) {
        String v = connect.hasAttr("sse-close") ? connect.attr("sse-close") : connect.attr("data-sse-close");
        return !v.isEmpty() && v.strip().equals(type);
    }
}
