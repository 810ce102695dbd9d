package dev.htmxws.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.htmxws.client.LiveEvent;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.text.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * Prints what a session reports: messages on stdout in the chosen format (flushed per message), everything
 * else (connects, closes, warnings, failures) as one-line diagnostics on stderr.
 */
final class MessagePrinter {

    enum Format { text, html, raw, ndjson }

    private static final JsonFactory JSON = new JsonFactory();
    private static final int SUMMARY = 100;

    private final Format format;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<Integer, Integer> connOfSocket = new HashMap<>();
    private final Map<Integer, String> streamUrl = new HashMap<>();
    private final Map<Integer, Integer> streamNumber = new HashMap<>();
    private final Map<Integer, String> requests = new HashMap<>();
    private final Deque<String> recent = new ArrayDeque<>();
    int received;
    int sent;
    int lost;
    int uncertain;
    boolean everOpened;
    /** Set while htmxws itself closes at the end, so that its own closing handshake is not reported. */
    boolean ownClose;
    String failure;

    /** The command's name ({@code htmxws send}), which begins every error line. */
    private final String command;

    MessagePrinter(Format format, PrintWriter out, PrintWriter err, String command) {
        this.format = format;
        this.out = out;
        this.err = err;
        this.command = command;
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
            connOfSocket.put(o.socket(), o.connectionNumber());
            diag("connected to " + o.url() + (o.subprotocol().isEmpty() ? "" : " (subprotocol " + o.subprotocol() + ")")
                + (o.connectionNumber() > 1 ? " (connection " + o.connectionNumber() + ")" : ""));
        } else if (e instanceof LiveEvent.Binary b) {
            message(b.socket(), null, b.data(), List.of(), List.of());
        } else if (e instanceof LiveEvent.Failed f) {
            failure = f.message();
            error(f.message());
        } else if (e instanceof LiveEvent.StreamFailed f) {
            if (streamNumber.containsKey(f.stream())) {
                diag("stream " + streamNumber.get(f.stream()) + " broke: " + f.message());
            }
        } else if (e instanceof LiveEvent.GaveUp g) {
            diag(g.message());
        } else if (e instanceof LiveEvent.Uncertain u) {
            uncertain += u.frames().size();
            for (String f : u.frames()) {
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
        } else if (e instanceof PageEvent.Sent) {
            sent++;
        } else if (e instanceof PageEvent.Lost l) {
            lost++;
            diag("not sent: " + l.why() + ": " + abbreviate(l.frame()));
        } else if (e instanceof PageEvent.Closed c) {
            // a socket that never opened was already reported as an error; our own final close is not news
            if (connOfSocket.containsKey(c.socket()) && !ownClose) {
                diag("closed" + (c.code() > 0 ? " with " + c.code() : "") + explain(c.code(), c.reason())
                    + (c.reconnecting() ? "; reconnecting in " + c.delayMs() + " ms" : ""));
            }
        } else if (e instanceof PageEvent.Warned w) {
            diag("warning: " + w.warning().message());
        } else if (e instanceof PageEvent.StreamOpening o) {
            streamUrl.put(o.stream(), o.url());
        } else if (e instanceof PageEvent.StreamOpened o) {
            everOpened = true;
            streamNumber.put(o.stream(), streamNumber.size() + 1);
            int n = streamNumber.get(o.stream());
            diag("connected to " + streamUrl.get(o.stream()) + " (Server-Sent Events)" + (n > 1 ? " (stream " + n + ")"
                : ""));
        } else if (e instanceof PageEvent.EventReceived r) {
            event(r);
        } else if (e instanceof PageEvent.StreamClosed c) {
            if (!streamNumber.containsKey(c.stream())) {
                failure = "event stream " + streamUrl.get(c.stream()) + ": " + c.why();
                error(failure); // it never opened: a connection failure
            } else if (!ownClose) {
                diag("stream " + streamNumber.get(c.stream()) + ": " + c.why()
                    + (c.reconnecting() ? "; reconnecting in " + c.delayMs() + " ms" : "; not reconnecting"));
            }
        } else if (e instanceof PageEvent.RequestSent r) {
            requests.put(r.id(), r.request().method() + " " + r.request().url());
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
        recent.addLast(r.data());
        if (recent.size() > 5) {
            recent.removeFirst();
        }
        switch (format) {
            case raw -> out.println(r.data());
            case html -> {
                if (r.swaps().isEmpty()) {
                    out.println(r.data());
                }
                swapsAsHtml(r.swaps());
            }
            case text -> {
                if (r.swaps().isEmpty()) {
                    out.println("event " + printable(r.type()) + (r.id().isEmpty() ? "" : " (id " + printable(r.id())
                        + ")") + "  " + abbreviate(textOf(r.data())));
                }
                swapsAsText(r.swaps());
            }
            case ndjson -> out.println(json(g -> {
                g.writeNumberField("stream", streamNumber.getOrDefault(r.stream(), 0));
                g.writeStringField("event", r.type());
                g.writeStringField("id", r.id());
                g.writeStringField("data", r.data());
                swapsAndWarnings(g, r.swaps(), r.warnings());
            }));
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
                out.println("response " + r.status() + " to " + what + (r.swaps().isEmpty() ? "  (no swap)" : ":"));
                swapsAsText(r.swaps());
            }
            case ndjson -> out.println(json(g -> {
                g.writeStringField("response", what);
                g.writeNumberField("status", r.status());
                swapsAndWarnings(g, r.swaps(), r.warnings());
            }));
        }
        if (r.navigation() != null) {
            diag("warning: " + r.navigation());
        }
        warnings(r.warnings());
    }

    private void swapsAsText(List<PlannedSwap> swaps) {
        for (PlannedSwap s : swaps) {
            out.println(shortTarget(s.target()) + " " + s.style() + "  " + abbreviate(textOf(s.html())));
        }
    }

    private void swapsAsHtml(List<PlannedSwap> swaps) {
        for (PlannedSwap s : swaps) {
            out.println("<!-- " + s.target() + " " + s.style() + " -->");
            out.println(s.html());
        }
    }

    private void warnings(List<Warning> warnings) {
        if (format != Format.ndjson) {
            for (Warning w : warnings) {
                diag("warning: " + w.message());
            }
        }
    }

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** One NDJSON line: the time, then the fields {@code body} writes. */
    private static String json(JsonBody body) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void swapsAndWarnings(JsonGenerator g, List<PlannedSwap> swaps, List<Warning> warnings)
        throws IOException {
        g.writeArrayFieldStart("swaps");
        for (PlannedSwap s : swaps) {
            g.writeStartObject();
            g.writeStringField("target", s.target());
            g.writeStringField("style", s.style());
            g.writeStringField("html", s.html());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("warnings");
        for (Warning x : warnings) {
            g.writeStartObject();
            g.writeStringField("code", x.code());
            g.writeStringField("message", x.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A message that came by another way than a socket (a Server-Sent Event swapped into a page). */
    void message(String text, List<PlannedSwap> swaps, List<Warning> warnings) {
        message(0, text, null, swaps, warnings);
    }

    private void message(int socket, String text, byte[] binary, List<PlannedSwap> swaps, List<Warning> warnings) {
        received++;
        String shown = text != null ? text : "[binary " + binary.length + " bytes]";
        recent.addLast(shown);
        if (recent.size() > 5) {
            recent.removeFirst();
        }
        switch (format) {
            case raw -> out.println(shown);
            case html -> {
                if (swaps.isEmpty()) {
                    out.println(shown);
                }
                swapsAsHtml(swaps);
            }
            case text -> {
                if (swaps.isEmpty()) {
                    out.println("(no swap)  " + abbreviate(shown));
                }
                swapsAsText(swaps);
            }
            case ndjson -> out.println(json(g -> {
                g.writeNumberField("conn", connOfSocket.getOrDefault(socket, 0));
                if (text != null) {
                    g.writeStringField("raw", text);
                } else {
                    g.writeStringField("binary", Base64.getEncoder().encodeToString(binary));
                }
                swapsAndWarnings(g, swaps, warnings);
            }));
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

    /** {@code div#chat_room} reads better as {@code #chat_room}; other targets stay as they are. */
    static String shortTarget(String target) {
        return target.matches("[a-z][a-z0-9-]*#\\S+") ? target.substring(target.indexOf('#')) : target;
    }

    static String textOf(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }

    static String abbreviate(String s) {
        String one = printable(s.replaceAll("\\s+", " ").strip());
        return one.length() <= SUMMARY ? one : one.substring(0, SUMMARY - 1) + "…";
    }
}
