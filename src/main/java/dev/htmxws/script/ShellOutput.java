package dev.htmxws.script;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.text.TerminalText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jsoup.Jsoup;

/**
 * How the shell shows what happens: readable lines (swap summaries, command output) or one JSON object
 * per event. Lines go to two sinks, data and diagnostics, so an interactive terminal can print them above
 * its prompt and a script can keep stdout clean.
 */
public final class ShellOutput {

    public enum Format { text, ndjson }

    private static final JsonFactory JSON = new JsonFactory();

    private final Format format;
    private final Consumer<String> data;
    private final Consumer<String> diag;

    public ShellOutput(Format format, Consumer<String> data, Consumer<String> diag) {
        this.format = format;
        // in text form every line may hold a server's words: no escape sequence reaches the terminal
        this.data = format == Format.text ? line -> data.accept(TerminalText.line(line)) : data;
        this.diag = format == Format.text ? line -> diag.accept(TerminalText.line(line)) : diag;
    }

    public Format format() {
        return format;
    }

    void opened(String url, int conn) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "open");
                g.writeStringField("url", url);
                g.writeNumberField("conn", conn);
            });
        } else {
            diag.accept("connected to " + url + (conn > 1 ? " (connection " + conn + ")" : ""));
        }
    }

    void sent(String frame) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "sent");
                g.writeStringField("frame", frame);
            });
        } else {
            diag.accept("> " + abbreviate(frame));
        }
    }

    void received(int conn, String text, List<PlannedSwap> swaps, List<Warning> warnings) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "received");
                g.writeNumberField("conn", conn);
                g.writeStringField("raw", text);
                swaps(g, swaps);
                warnings(g, warnings);
            });
            return;
        }
        if (swaps.isEmpty()) {
            data.accept("(no swap)  " + abbreviate(text));
        }
        swapLines(swaps, warnings);
    }

    /** An event of an event stream: its swaps, or its name and data when it swapped nothing. */
    void event(int stream, String type, String id, String text, List<PlannedSwap> swaps, List<Warning> warnings) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "sse");
                g.writeNumberField("stream", stream);
                g.writeStringField("name", type);
                g.writeStringField("id", id);
                g.writeStringField("data", text);
                swaps(g, swaps);
                warnings(g, warnings);
            });
            return;
        }
        if (swaps.isEmpty()) {
            data.accept("event " + type + (id.isEmpty() ? "" : " (id " + id + ")") + "  " + abbreviate(textOf(text)));
        }
        swapLines(swaps, warnings);
    }

    /** An htmx request went out. */
    void request(String method, String url, String element) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "request");
                g.writeStringField("method", method);
                g.writeStringField("url", url);
                g.writeStringField("element", element);
            });
        } else {
            diag.accept("request " + method + " " + url + " (" + element + ")");
        }
    }

    /** The answer to an htmx request, and the swaps it made. */
    void response(String request, int status, List<PlannedSwap> swaps, List<Warning> warnings, String navigation) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "response");
                g.writeStringField("request", request);
                g.writeNumberField("status", status);
                swaps(g, swaps);
                warnings(g, warnings);
            });
            return;
        }
        data.accept("response " + status + " to " + request + (swaps.isEmpty() ? "  (no swap)" : ":"));
        swapLines(swaps, warnings);
        if (navigation != null) {
            diag.accept("warning: " + navigation);
        }
    }

    /** An event stream opened, ended or failed. */
    void stream(String line) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "stream");
                g.writeStringField("message", line);
            });
        } else {
            diag.accept(line);
        }
    }

    private void swapLines(List<PlannedSwap> swaps, List<Warning> warnings) {
        for (PlannedSwap s : swaps) {
            data.accept(Expectation.shortTarget(s.target()) + " " + s.style() + "  " + abbreviate(textOf(s.html())));
        }
        for (Warning w : warnings) {
            diag.accept("warning: " + w.message());
        }
    }

    private static void swaps(JsonGenerator g, List<PlannedSwap> swaps) throws IOException {
        g.writeArrayFieldStart("swaps");
        for (PlannedSwap s : swaps) {
            g.writeStartObject();
            g.writeStringField("target", Expectation.shortTarget(s.target()));
            g.writeStringField("style", s.style());
            g.writeStringField("html", s.html());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void warnings(JsonGenerator g, List<Warning> warnings) throws IOException {
        g.writeArrayFieldStart("warnings");
        for (Warning w : warnings) {
            g.writeString(w.message());
        }
        g.writeEndArray();
    }

    void warning(String message) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "warning");
                g.writeStringField("message", message);
            });
        } else {
            diag.accept("warning: " + message);
        }
    }

    void closed(int code, String reason, boolean reconnecting, long delayMs) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "close");
                g.writeNumberField("code", code);
                g.writeStringField("reason", reason);
                g.writeBooleanField("reconnecting", reconnecting);
            });
        } else {
            diag.accept("closed" + (code > 0 ? " with " + code : "") + (reason.isBlank() ? "" : " (" + reason + ")")
                + (reconnecting ? "; reconnecting in " + delayMs + " ms" : ""));
        }
    }

    void expectation(String where, String what, boolean met, long ms, String detail) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "expect");
                g.writeStringField("where", where);
                g.writeStringField("expect", what);
                g.writeStringField("result", met ? "met" : "failed");
                g.writeNumberField("ms", ms);
                if (detail != null) {
                    g.writeStringField("detail", detail);
                }
            });
        } else if (met) {
            diag.accept("ok: " + what + " (" + ms + " ms)");
        } else {
            diag.accept(where + ": expectation failed: " + what + (detail == null ? "" : "; " + detail));
        }
    }

    /** Output of a command the user asked for (dom, text, forms, headers, queue, help). */
    void output(String command, String text) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "output");
                g.writeStringField("command", command);
                g.writeStringField("text", text);
            });
        } else {
            text.lines().forEach(data);
        }
    }

    void error(String where, String message) {
        if (format == Format.ndjson) {
            json(g -> {
                g.writeStringField("event", "error");
                if (where != null) {
                    g.writeStringField("where", where);
                }
                g.writeStringField("message", message);
            });
        } else {
            diag.accept((where == null ? "" : where + ": ") + "error: " + message);
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private void json(Fields fields) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        data.accept(w.toString());
    }

    static String textOf(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 100 ? one : one.substring(0, 99) + "…";
    }
}
