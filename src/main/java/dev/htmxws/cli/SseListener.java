package dev.htmxws.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.htmxws.net.SseClient;
import dev.htmxws.net.WsOptions;
import dev.htmxws.sse.SseEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code htmxws listen} on a Server-Sent Events stream: each event with its name, until the same stops. */
final class SseListener {

    /** What the client reported, in order, for the command's thread. */
    private sealed interface Note {
        record Event(SseEvent e) implements Note {
        }

        record Line(String text) implements Note {
        }

        record Failed(String message) implements Note {
        }

        record Closed() implements Note {
        }
    }

    private final ListenCommand cmd;
    private final PrintWriter out;
    private final PrintWriter err;

    SseListener(ListenCommand cmd, PrintWriter out, PrintWriter err) {
        this.cmd = cmd;
        this.out = out;
        this.err = err;
    }

    int run() throws InterruptedException {
        String url = cmd.conn.page != null ? cmd.conn.page : cmd.conn.url;
        if (url == null || !Target.isHttp(url)) {
            throw new UsageException("an SSE stream needs an http(s):// URL");
        }
        WsOptions o = cmd.conn.ws();
        BlockingQueue<Note> notes = new LinkedBlockingQueue<>();
        SseClient.Builder b = SseClient.builder(URI.create(url)).tls(o.tls()).connectTimeout(o.connectTimeout())
            .reconnect(!cmd.conn.noReconnect).maxRetries(cmd.conn.maxRetries);
        for (String[] h : o.headers()) {
            b.header(h[0], h[1]);
        }
        if (o.cookie() != null) {
            b.cookie(o.cookie());
        }
        SseClient client = b.start(new SseClient.Listener() {
            @Override
            public void opened(int status, String contentType) {
                notes.add(new Note.Line("connected to " + url + " (Server-Sent Events)"));
            }

            @Override
            public void event(SseEvent e) {
                notes.add(new Note.Event(e));
            }

            @Override
            public void reconnecting(int attempt, long delayMillis, String lastEventId, String reason) {
                notes.add(new Note.Line(reason + "; reconnecting in " + delayMillis + " ms"
                    + (lastEventId.isEmpty() ? "" : " with Last-Event-ID " + lastEventId)));
            }

            @Override
            public void failed(String message) {
                notes.add(new Note.Failed(message));
            }

            @Override
            public void closed() {
                notes.add(new Note.Closed());
            }
        });
        Thread hook = new Thread(client::close);
        Runtime.getRuntime().addShutdownHook(hook);
        MessagePrinter.Format format = MessagePrinter.defaultFormat(cmd.format);
        long deadline = cmd.timeout == null ? Long.MAX_VALUE : System.nanoTime() + cmd.timeout.toNanos();
        int received = 0;
        boolean failed = false;
        try {
            while (cmd.count == 0 || received < cmd.count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Note n = notes.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (n instanceof Note.Event ev) {
                    received++;
                    print(format, ev.e());
                } else if (n instanceof Note.Line l) {
                    err.println(MessagePrinter.printable(l.text()));
                    err.flush();
                } else if (n instanceof Note.Failed f) {
                    err.println("error: " + MessagePrinter.printable(f.message()));
                    err.flush();
                    failed = true;
                } else if (n instanceof Note.Closed) {
                    break;
                }
            }
        } finally {
            client.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        if (failed) {
            return ExitCode.IO;
        }
        return ListenRunner.countReached(cmd, received, err);
    }

    private void print(MessagePrinter.Format format, SseEvent e) {
        switch (format) {
            case raw, html -> out.println(e.data());
            case text -> out.println("event " + MessagePrinter.printable(e.type())
                + (e.lastEventId().isEmpty() ? "" : " (id " + MessagePrinter.printable(e.lastEventId()) + ")")
                + "  " + MessagePrinter.abbreviate(MessagePrinter.textOf(e.data())));
            case ndjson -> {
                StringWriter w = new StringWriter();
                try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
                    g.writeStartObject();
                    g.writeStringField("time", Instant.now().toString());
                    g.writeStringField("event", e.type());
                    g.writeStringField("id", e.lastEventId());
                    g.writeStringField("data", e.data());
                    g.writeEndObject();
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
                out.println(w);
            }
        }
        out.flush();
    }
}
