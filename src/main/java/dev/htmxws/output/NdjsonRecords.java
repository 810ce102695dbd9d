package dev.htmxws.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.PlannedSwap;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The NDJSON records of {@code send}, {@code listen} and {@code connect}: one line per event, each an object with
 * {@code time} and {@code event} (its kind), then that kind's keys. The only place that writes them, so every
 * command writes the same keys; {@code docs/ndjson.schema.json} describes them and NdjsonSchemaTest holds the two
 * together. A WebSocket's records name it by {@code conn} (1 for the first connection, counting reconnects), an
 * event stream's by {@code stream}.
 */
public final class NdjsonRecords {

    private static final JsonFactory JSON = new JsonFactory();

    private NdjsonRecords() {
    }

    /** A WebSocket opened; {@code subprotocol} is what the server chose ("" for none). */
    public static String open(String url, int conn, String subprotocol) {
        return record("open", g -> {
            g.writeStringField("url", url);
            g.writeNumberField("conn", conn);
            g.writeStringField("subprotocol", subprotocol);
        });
    }

    /** An event stream opened. */
    public static String streamOpen(String url, int stream) {
        return record("open", g -> {
            g.writeStringField("url", url);
            g.writeNumberField("stream", stream);
        });
    }

    /** A frame went on the wire. */
    public static String sent(int conn, String frame) {
        return record("sent", g -> {
            g.writeNumberField("conn", conn);
            g.writeStringField("frame", frame);
        });
    }

    /** A text message arrived, and the swaps it made. */
    public static String received(int conn, String text, List<PlannedSwap> swaps, List<Warning> warnings) {
        return record("received", g -> {
            g.writeNumberField("conn", conn);
            g.writeStringField("raw", text);
            swapsAndWarnings(g, swaps, warnings);
        });
    }

    /** A binary message arrived (htmx ignores them): its bytes in base64. */
    public static String binary(int conn, byte[] data) {
        return record("received", g -> {
            g.writeNumberField("conn", conn);
            g.writeStringField("binary", Base64.getEncoder().encodeToString(data));
            swapsAndWarnings(g, List.of(), List.of());
        });
    }

    /** An event of an event stream: its name ({@code message} when it named none), id, data and swaps. */
    public static String sse(int stream, String name, String id, String data, List<PlannedSwap> swaps,
        List<Warning> warnings) {
        return record("sse", g -> {
            g.writeNumberField("stream", stream);
            g.writeStringField("name", name);
            g.writeStringField("id", id);
            g.writeStringField("data", data);
            swapsAndWarnings(g, swaps, warnings);
        });
    }

    /** An htmx request (hx-get, hx-post…) went out, fired by {@code element}. */
    public static String request(String method, String url, String element) {
        return record("request", g -> {
            g.writeStringField("method", method);
            g.writeStringField("url", url);
            g.writeStringField("element", element);
        });
    }

    /**
     * The answer to an htmx request; {@code navigation} (or null) is what htmx would do beyond the page (a
     * redirect).
     */
    public static String response(String method, String url, int status, List<PlannedSwap> swaps,
        List<Warning> warnings, String navigation) {
        return record("response", g -> {
            g.writeStringField("method", method);
            g.writeStringField("url", url);
            g.writeNumberField("status", status);
            swapsAndWarnings(g, swaps, warnings);
            if (navigation != null) {
                g.writeStringField("navigation", navigation);
            }
        });
    }

    /** A pitfall, or something htmxws cannot do as the browser would; {@code code} is stable. */
    public static String warning(String code, String message) {
        return record("warning", g -> {
            g.writeStringField("code", code);
            g.writeStringField("message", message);
        });
    }

    /** A WebSocket closed; {@code code} 0 when the close carried none (the connection dropped). */
    public static String close(int conn, int code, String reason) {
        return record("close", g -> {
            g.writeNumberField("conn", conn);
            g.writeNumberField("code", code);
            g.writeStringField("reason", reason == null ? "" : reason);
        });
    }

    /** An event stream ended, and why. */
    public static String streamClose(int stream, String reason) {
        return record("close", g -> {
            g.writeNumberField("stream", stream);
            g.writeStringField("reason", reason);
        });
    }

    /** After a close, the page opens the WebSocket again in {@code delayMs}. */
    public static String reconnect(int conn, long delayMs) {
        return record("reconnect", g -> {
            g.writeNumberField("conn", conn);
            g.writeNumberField("delayMs", delayMs);
        });
    }

    /** After an end, the page opens the event stream again in {@code delayMs}. */
    public static String streamReconnect(int stream, long delayMs) {
        return record("reconnect", g -> {
            g.writeNumberField("stream", stream);
            g.writeNumberField("delayMs", delayMs);
        });
    }

    /** A script's expectation was met or failed, after {@code ms}; {@code detail} (or null) says why it failed. */
    public static String expect(String where, String expectation, boolean met, long ms, String detail) {
        return record("expect", g -> {
            g.writeStringField("where", where);
            g.writeStringField("expect", expectation);
            g.writeStringField("result", met ? "met" : "failed");
            g.writeNumberField("ms", ms);
            if (detail != null) {
                g.writeStringField("detail", detail);
            }
        });
    }

    /** What a shell command the user asked for printed (dom, text, forms…). */
    public static String output(String command, String text) {
        return record("output", g -> {
            g.writeStringField("command", command);
            g.writeStringField("text", text);
        });
    }

    /** The text of {@code listen --select}'s selection after a message. */
    public static String select(String selector, String text) {
        return record("select", g -> {
            g.writeStringField("selector", selector);
            g.writeStringField("text", text);
        });
    }

    /** Something failed; {@code where} (or null) is the script line it happened on. */
    public static String error(String where, String message) {
        return record("error", g -> {
            if (where != null) {
                g.writeStringField("where", where);
            }
            g.writeStringField("message", message);
        });
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
        for (Warning w : warnings) {
            g.writeStartObject();
            g.writeStringField("code", w.code());
            g.writeStringField("message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String record(String kind, Fields fields) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.now().toString());
            g.writeStringField("event", kind);
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
