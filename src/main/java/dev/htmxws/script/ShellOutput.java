package dev.htmxws.script;

import dev.htmxws.output.NdjsonRecords;
import dev.htmxws.output.TextLines;
import dev.htmxws.protocol.Warning;
import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.text.TerminalText;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the shell shows what happens: readable lines (swap summaries, command output) or one NDJSON record per event
 * ({@link NdjsonRecords}). Lines go to two sinks, data and diagnostics, so an interactive terminal can print them
 * above its prompt and a script can keep stdout clean.
 */
public final class ShellOutput {

    public enum Format { text, ndjson }

    private final Format format;
    private final TextLines text;
    private final Consumer<String> data;
    private final Consumer<String> diag;

    public ShellOutput(Format format, Consumer<String> data, Consumer<String> diag) {
        this(format, TextLines.fixed(), data, diag);
    }

    /** @param text how text lines are cut (the terminal's width) */
    public ShellOutput(Format format, TextLines text, Consumer<String> data, Consumer<String> diag) {
        this.format = format;
        this.text = text;
        // in text form every line may hold a server's words: no escape sequence reaches the terminal
        this.data = format == Format.text ? line -> data.accept(TerminalText.line(line)) : data;
        this.diag = format == Format.text ? line -> diag.accept(TerminalText.line(line)) : diag;
    }

    public Format format() {
        return format;
    }

    private boolean ndjson() {
        return format == Format.ndjson;
    }

    void opened(String url, int conn, String subprotocol) {
        if (ndjson()) {
            data.accept(NdjsonRecords.open(url, conn, subprotocol));
        } else {
            diag.accept("connected to " + url + (conn > 1 ? " (connection " + conn + ")" : ""));
        }
    }

    void streamOpened(String url, int stream) {
        if (ndjson()) {
            data.accept(NdjsonRecords.streamOpen(url, stream));
        } else {
            diag.accept(
                "connected to " + url + " (Server-Sent Events)" + (stream > 1 ? " (stream " + stream + ")" : ""));
        }
    }

    void sent(int conn, String frame) {
        if (ndjson()) {
            data.accept(NdjsonRecords.sent(conn, frame));
        } else {
            diag.accept("> " + abbreviate(frame));
        }
    }

    void received(int conn, String message, List<PlannedSwap> swaps, List<Warning> warnings) {
        if (ndjson()) {
            data.accept(NdjsonRecords.received(conn, message, swaps, warnings));
            return;
        }
        text.message(message, swaps).forEach(data);
        warnings(warnings);
    }

    /** A ping or pong from the server (--show-ping-pong, /pingpong): a line on the terminal, none in NDJSON. */
    void control(boolean ping, int bytes) {
        if (!ndjson()) {
            diag.accept((ping ? "< ping (" : "< pong (") + bytes + " bytes)");
        }
    }

    void binary(int conn, byte[] bytes) {
        if (ndjson()) {
            data.accept(NdjsonRecords.binary(conn, bytes));
        } else {
            text.message("[binary " + bytes.length + " bytes]", List.of()).forEach(data);
        }
    }

    /** An event of an event stream: its swaps, or its name and data when it swapped nothing. */
    void event(int stream, String type, String id, String eventData, List<PlannedSwap> swaps,
        List<Warning> warnings) {
        if (ndjson()) {
            data.accept(NdjsonRecords.sse(stream, type, id, eventData, swaps, warnings));
            return;
        }
        text.event(type, id, eventData, swaps).forEach(data);
        warnings(warnings);
    }

    /** An htmx request went out. */
    void request(String method, String url, String element) {
        if (ndjson()) {
            data.accept(NdjsonRecords.request(method, url, element));
        } else {
            diag.accept("request " + method + " " + url + " (" + element + ")");
        }
    }

    /** The answer to an htmx request, and the swaps it made. */
    void response(String method, String url, int status, List<PlannedSwap> swaps, List<Warning> warnings,
        String navigation) {
        if (ndjson()) {
            data.accept(NdjsonRecords.response(method, url, status, swaps, warnings, navigation));
            return;
        }
        data.accept("response " + status + " to " + (method.isEmpty() ? "request" : method + " " + url)
            + (swaps.isEmpty() ? "  (no swap)" : ":"));
        text.swaps(swaps).forEach(data);
        warnings(warnings);
        if (navigation != null) {
            diag.accept("warning: " + navigation);
        }
    }

    private void warnings(List<Warning> warnings) {
        for (Warning w : warnings) {
            diag.accept("warning: " + w.message());
        }
    }

    void warning(String code, String message) {
        if (ndjson()) {
            data.accept(NdjsonRecords.warning(code, message));
        } else {
            diag.accept("warning: " + message);
        }
    }

    /** A connection attempt failed and the page tries again: one line, which says when. */
    void attemptFailed(String line) {
        if (ndjson()) {
            data.accept(NdjsonRecords.error(null, line));
        } else {
            diag.accept(line);
        }
    }

    void closed(int conn, int code, String reason, boolean reconnecting, long delayMs) {
        if (ndjson()) {
            data.accept(NdjsonRecords.close(conn, code, reason));
            if (reconnecting) {
                data.accept(NdjsonRecords.reconnect(conn, delayMs));
            }
        } else {
            diag.accept("closed" + (code > 0 ? " with " + code : "") + (reason.isBlank() ? "" : " (" + reason + ")")
                + (reconnecting ? "; reconnecting in " + delayMs + " ms" : ""));
        }
    }

    /** An event stream ended, and why. */
    void streamClosed(int stream, String why, boolean reconnecting, long delayMs) {
        if (ndjson()) {
            data.accept(NdjsonRecords.streamClose(stream, why));
            if (reconnecting) {
                data.accept(NdjsonRecords.streamReconnect(stream, delayMs));
            }
        } else {
            diag.accept("stream " + stream + ": " + why
                + (reconnecting ? "; reconnecting in " + delayMs + " ms" : "; not reconnecting"));
        }
    }

    void expectation(String where, String what, boolean met, long ms, String detail) {
        if (ndjson()) {
            data.accept(NdjsonRecords.expect(where, what, met, ms, detail));
        } else if (met) {
            diag.accept("ok: " + what + " (" + ms + " ms)");
        } else {
            diag.accept(where + ": expectation failed: " + what + (detail == null ? "" : "; " + detail));
        }
    }

    /** Output of a command the user asked for (dom, text, forms, headers, queue, help). */
    void output(String command, String output) {
        if (ndjson()) {
            data.accept(NdjsonRecords.output(command, output));
        } else {
            output.lines().forEach(data);
        }
    }

    void error(String where, String message) {
        if (ndjson()) {
            data.accept(NdjsonRecords.error(where, message));
        } else {
            diag.accept((where == null ? "" : where + ": ") + "error: " + message);
        }
    }

    static String textOf(String html) {
        return TextLines.textOf(html);
    }

    static String abbreviate(String s) {
        return TextLines.abbreviate(s);
    }
}
