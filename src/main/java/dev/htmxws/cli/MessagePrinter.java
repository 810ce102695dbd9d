package dev.htmxws.cli;

import dev.htmxws.client.LiveEvent;
import dev.htmxws.output.NdjsonRecords;
import dev.htmxws.output.TextLines;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.protocol.requests.HttpRequest;
import dev.htmxws.text.TerminalText;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what a session reports: messages on stdout in the chosen format (flushed per message), everything
 * else (connects, closes, warnings, failures) as one-line diagnostics on stderr. In NDJSON, stdout has a record
 * for every event ({@link NdjsonRecords}), the diagnostics included; stderr keeps its lines for a person.
 */
final class MessagePrinter {

    enum Format { text, html, raw, ndjson }

    private final Format format;
    private final boolean ndjson;
    private final TextLines text;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<Integer, Integer> connOfSocket = new HashMap<>();
    private final Map<Integer, String> streamUrl = new HashMap<>();
    private final Map<Integer, Integer> streamNumber = new HashMap<>();
    private final Map<Integer, String> requests = new HashMap<>();
    private final Map<Integer, HttpRequest> requestOf = new HashMap<>();
    private final Deque<String> recent = new ArrayDeque<>();
    int received;
    int sent;
    int lost;
    int uncertain;
    boolean everOpened;
    /** Set while htmxws itself closes at the end, so that its own closing handshake is not reported. */
    boolean ownClose;
    String failure;

    /** Failed connection attempts, said once each with the next delay. */
    private final dev.htmxws.output.FailedAttempts attempts = new dev.htmxws.output.FailedAttempts();
    /** Set when a failed first connection is retried (--max-retries): it is then an attempt, not the end. */
    boolean retriesFirstConnection;
    /** --show-ping-pong: each ping and pong from the server is a line. */
    boolean showPingPong;

    /** The command's name ({@code htmxws send}), which begins every error line. */
    private final String command;

    MessagePrinter(Format format, PrintWriter out, PrintWriter err, String command) {
        this.format = format;
        this.ndjson = format == Format.ndjson;
        this.out = out;
        this.err = err;
        this.command = command;
        this.text = new TextLines(format == Format.text ? TerminalWidth.ofStdout() : () -> 0);
    }

    /** text on a terminal, raw when piped (so scripts get exactly the frames). */
    static Format defaultFormat(Format chosen) {
        if (chosen != null) {
            return chosen;
        }
        return System.console() != null ? Format.text : Format.raw;
    }

    Format format() {
        return format;
    }

    /** The last few messages received, for a failed expectation's report. */
    List<String> recent() {
        return List.copyOf(recent);
    }

    void accept(LiveEvent e) {
        if (e instanceof LiveEvent.Opened o) {
            everOpened = true;
            attempts.opened();
            connOfSocket.put(o.socket(), o.connectionNumber());
            record(() -> NdjsonRecords.open(o.url(), o.connectionNumber(), o.subprotocol()));
            diag("connected to " + o.url() + (o.subprotocol().isEmpty() ? "" : " (subprotocol " + o.subprotocol() + ")")
                + (o.connectionNumber() > 1 ? " (connection " + o.connectionNumber() + ")" : ""));
        } else if (e instanceof LiveEvent.Control c) {
            if (showPingPong) {
                diag((c.ping() ? "< ping (" : "< pong (") + c.bytes() + " bytes)");
            }
        } else if (e instanceof LiveEvent.Binary b) {
            message(b.socket(), null, b.data(), List.of(), List.of());
        } else if (e instanceof LiveEvent.Failed f) {
            failure = f.message();
            if (everOpened || retriesFirstConnection) {
                attempts.failed(f.socket(), f.message()); // said with the next delay, when the page retries
            } else {
                error(f.message()); // the run ends on it
            }
        } else if (e instanceof LiveEvent.StreamFailed f) {
            if (streamNumber.containsKey(f.stream())) {
                record(() -> NdjsonRecords.error(null, "stream " + streamNumber.get(f.stream()) + " broke: "
                    + f.message()));
                diag("stream " + streamNumber.get(f.stream()) + " broke: " + f.message());
            }
        } else if (e instanceof LiveEvent.GaveUp g) {
            record(() -> NdjsonRecords.error(null, g.message()));
            diag(g.message());
        } else if (e instanceof LiveEvent.Uncertain u) {
            uncertain += u.frames().size();
            for (String f : u.frames()) {
                record(() -> NdjsonRecords.warning("delivery-uncertain", "written on connection "
                    + connOfSocket.getOrDefault(u.socket(), 0) + ", which closed with " + u.code()
                    + " before the server answered: " + abbreviate(f)));
                diag("delivery uncertain: " + abbreviate(f) + " (written on connection "
                    + connOfSocket.getOrDefault(u.socket(), 0)
                    + ", which closed with " + u.code() + " before the server answered)");
            }
        } else if (e instanceof LiveEvent.Page p) {
            page(p.event());
        }
    }

    private void page(PageEvent e) {
        if (e instanceof PageEvent.Received r) {
            message(r.socket(), r.text(), null, r.swaps(), r.warnings());
        } else if (e instanceof PageEvent.Sent s) {
            sent++;
            record(() -> NdjsonRecords.sent(connOfSocket.getOrDefault(s.socket(), 0), s.frame()));
        } else if (e instanceof PageEvent.Lost l) {
            lost++;
            record(() -> NdjsonRecords.error(null, "not sent: " + l.why() + ": " + abbreviate(l.frame())));
            diag("not sent: " + l.why() + ": " + abbreviate(l.frame()));
        } else if (e instanceof PageEvent.Connecting c) {
            attempts.connecting(c.socket(), c.url());
        } else if (e instanceof PageEvent.Closed c) {
            String why = attempts.closed(c.socket());
            if (why != null && c.reconnecting()) {
                String line = attempts.retrying(c.socket(), why, c.delayMs());
                record(() -> NdjsonRecords.error(null, line));
                diag(line);
            } else if (why != null) {
                error(why);
            } else if (connOfSocket.containsKey(c.socket()) && !ownClose) {
                // our own final close is not news
                int conn = connOfSocket.get(c.socket());
                record(() -> NdjsonRecords.close(conn, c.code(), c.reason()));
                if (c.reconnecting()) {
                    record(() -> NdjsonRecords.reconnect(conn, c.delayMs()));
                }
                diag("closed" + (c.code() > 0 ? " with " + c.code() : "") + explain(c.code(), c.reason())
                    + (c.reconnecting() ? "; reconnecting in " + c.delayMs() + " ms" : ""));
            }
        } else if (e instanceof PageEvent.Warned w) {
            record(() -> NdjsonRecords.warning(w.warning().code(), w.warning().message()));
            diag("warning: " + w.warning().message());
        } else if (e instanceof PageEvent.StreamOpening o) {
            streamUrl.put(o.stream(), o.url());
        } else if (e instanceof PageEvent.StreamOpened o) {
            everOpened = true;
            streamNumber.put(o.stream(), streamNumber.size() + 1);
            int n = streamNumber.get(o.stream());
            record(() -> NdjsonRecords.streamOpen(streamUrl.get(o.stream()), n));
            diag("connected to " + streamUrl.get(o.stream()) + " (Server-Sent Events)" + (n > 1 ? " (stream " + n + ")"
                : ""));
        } else if (e instanceof PageEvent.EventReceived r) {
            event(r);
        } else if (e instanceof PageEvent.StreamClosed c) {
            if (!streamNumber.containsKey(c.stream())) {
                failure = "event stream " + streamUrl.get(c.stream()) + ": " + c.why();
                error(failure); // it never opened: a connection failure
            } else if (!ownClose) {
                int n = streamNumber.get(c.stream());
                record(() -> NdjsonRecords.streamClose(n, c.why()));
                if (c.reconnecting()) {
                    record(() -> NdjsonRecords.streamReconnect(n, c.delayMs()));
                }
                diag("stream " + streamNumber.get(c.stream()) + ": " + c.why()
                    + (c.reconnecting() ? "; reconnecting in " + c.delayMs() + " ms" : "; not reconnecting"));
            }
        } else if (e instanceof PageEvent.RequestSent r) {
            requests.put(r.id(), r.request().method() + " " + r.request().url());
            requestOf.put(r.id(), r.request());
            record(() -> NdjsonRecords.request(r.request().method(), r.request().url(), r.element()));
            diag("request " + r.request().method() + " " + r.request().url() + " (" + r.element() + ")");
        } else if (e instanceof PageEvent.Responded r) {
            response(r);
        } else if (e instanceof PageEvent.RequestFailed f) {
            error(requests.getOrDefault(f.id(), "request") + ": " + f.why());
        }
    }

    /** An event of a stream: its swaps, or its name and data when it swapped nothing. */
    private void event(PageEvent.EventReceived r) {
        received++;
        remember(r.data());
        switch (format) {
            case raw -> out.println(r.data());
            case html -> {
                if (r.swaps().isEmpty()) {
                    out.println(r.data());
                }
                swapsAsHtml(r.swaps());
            }
            case text -> text.event(r.type(), r.id(), r.data(), r.swaps()).forEach(out::println);
            case ndjson -> out.println(NdjsonRecords.sse(streamNumber.getOrDefault(r.stream(), 0), r.type(), r.id(),
                r.data(), r.swaps(), r.warnings()));
        }
        warnings(r.warnings());
    }

    /** The answer to an htmx request: its status and the swaps it made. */
    private void response(PageEvent.Responded r) {
        String what = requests.getOrDefault(r.id(), "request");
        switch (format) {
            case raw -> {
                // raw output is what the server pushed; an htmx request's answer is named on stderr
                diag("response " + r.status() + " to " + what);
            }
            case html -> {
                out.println("<!-- " + r.status() + " " + what + " -->");
                swapsAsHtml(r.swaps());
            }
            case text -> {
                out.println(printable("response " + r.status() + " to " + what + (r.swaps().isEmpty() ? "  (no swap)"
                    : ":")));
                text.swaps(r.swaps()).forEach(out::println);
            }
            case ndjson -> {
                HttpRequest sent = requestOf.get(r.id());
                out.println(NdjsonRecords.response(sent == null ? "" : sent.method(), sent == null ? "" : sent.url(),
                    r.status(), r.swaps(), r.warnings(), r.navigation()));
            }
        }
        if (r.navigation() != null) {
            diag("warning: " + r.navigation());
        }
        warnings(r.warnings());
    }

    private void swapsAsHtml(List<PlannedSwap> swaps) {
        for (PlannedSwap s : swaps) {
            out.println("<!-- " + s.target() + " " + s.style() + " -->");
            out.println(s.html());
        }
    }

    /** A message's warnings: on stderr, except in NDJSON, whose record holds them. */
    private void warnings(List<Warning> warnings) {
        if (!ndjson) {
            for (Warning w : warnings) {
                diag("warning: " + w.message());
            }
        }
    }

    /** An NDJSON record, in NDJSON only (built only then). */
    private void record(java.util.function.Supplier<String> line) {
        if (ndjson) {
            out.println(line.get());
        }
    }

    /** The text of {@code listen --select}'s selection after a message. */
    void selection(String selector, String selected) {
        if (ndjson) {
            out.println(NdjsonRecords.select(selector, selected));
        } else {
            out.println(selector + ": " + abbreviate(selected));
        }
        out.flush();
    }

    /** A frame still queued when htmxws ends. */
    void stillQueued(String frame) {
        record(() -> NdjsonRecords.error(null, "not sent (still queued at exit): " + abbreviate(frame)));
        diag("not sent (still queued at exit): " + abbreviate(frame));
    }

    /** A message that came by another way than a socket (a Server-Sent Event swapped into a page). */
    void message(String text, List<PlannedSwap> swaps, List<Warning> warnings) {
        message(0, text, null, swaps, warnings);
    }

    private void remember(String shown) {
        recent.addLast(shown);
        if (recent.size() > 5) {
            recent.removeFirst();
        }
    }

    private void message(int socket, String text, byte[] binary, List<PlannedSwap> swaps, List<Warning> warnings) {
        received++;
        String shown = text != null ? text : "[binary " + binary.length + " bytes]";
        remember(shown);
        switch (format) {
            case raw -> out.println(shown);
            case html -> {
                if (swaps.isEmpty()) {
                    out.println(shown);
                }
                swapsAsHtml(swaps);
            }
            case text -> this.text.message(shown, swaps).forEach(out::println);
            case ndjson -> {
                int conn = connOfSocket.getOrDefault(socket, 0);
                out.println(text != null ? NdjsonRecords.received(conn, text, swaps, warnings)
                    : NdjsonRecords.binary(conn, binary));
            }
        }
        warnings(warnings);
    }

    /** Sends what was printed; called when no more messages are waiting, so none sits in a buffer. */
    void flush() {
        out.flush();
    }

    /** The close reason, and what htmxws knows a code means when it caused it. */
    private static String explain(int code, String reason) {
        String r = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        return switch (code) {
            case 1009 -> r + ": a message was larger than --max-message-size allows";
            case 1007 -> r + ": the server sent a text frame that is not valid UTF-8";
            case 1002 -> r + ": the server broke the WebSocket protocol";
            default -> r;
        };
    }

    /** A failure, in the one form every command uses: {@code htmxws send: error: ...}. */
    void error(String message) {
        record(() -> NdjsonRecords.error(null, message));
        diag(command + ": error: " + message);
    }

    void diag(String line) {
        out.flush(); // what was printed before this line comes before it on a terminal that shows both
        err.println(printable(line));
        err.flush();
    }

    static String printable(String s) {
        return TerminalText.line(s);
    }

    static String textOf(String html) {
        return TextLines.textOf(html);
    }

    static String abbreviate(String s) {
        return TextLines.abbreviate(s);
    }
}
