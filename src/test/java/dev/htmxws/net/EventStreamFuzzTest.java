package dev.htmxws.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.client.LiveEvent;
import dev.htmxws.client.LiveSession;
import dev.htmxws.client.PageSource;
import dev.htmxws.fuzz.FuzzRun;
import dev.htmxws.protocol.PageEvent;
import dev.htmxws.sse.SseEvent;
import dev.htmxws.sse.SseParser;
import dev.htmxws.sse.SseStreams;
import dev.htmxws.testing.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An event stream read by a live session (the page's EventSource over {@link HttpCall}) against a server on a real
 * socket that answers with broken HTTP heads, every body framing (to the end of the connection, chunked,
 * Content-Length) cut at random, invalid UTF-8, random bytes, a socket that is half-closed, and a server that keeps
 * sending after the client closed. Every case must end (no retry is allowed), failures must be one line that does
 * not come from an exception inside the client, and a well-framed event stream must give exactly the events its
 * bytes hold.
 */
@FuzzTest
class EventStreamFuzzTest {

    /** One HTTP response to play, and what it should give. */
    private record Response(String kind, byte[] bytes, byte[] body, boolean wellFramed, boolean keepSending) {
    }

    @Test
    void brokenResponsesEndCleanlyAndWellFramedStreamsGiveTheirEvents() throws Exception {
        FuzzRun run = FuzzRun.start("event-stream", 900);
        Response[] current = new Response[1];
        Random[] random = new Random[1];
        try (ScriptedServer server = new ScriptedServer(s -> {})) {
            for (long n = 0; n < run.iterations(); n++) {
                Random r = run.random(n);
                Response resp = response(r);
                current[0] = resp;
                random[0] = new Random(r.nextLong());
                server.script(s -> play(s, current[0], random[0]));
                run.count(resp.kind(), resp.bytes().length);
                run.outcome(runClient(server.port(), resp, run.where(n, resp.kind())));
            }
            assertThat(server.problems).isEmpty();
        }
        run.report();
    }

    private static void play(java.net.Socket s, Response resp, Random r) throws Exception {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        ScriptedServer.readHead(in);
        ScriptedServer.writeInPieces(out, resp.bytes(), r);
        if (resp.keepSending()) {
            byte[] more = "data: more\n\n".getBytes(StandardCharsets.US_ASCII);
            while (true) { // until the client's close makes a write fail
                out.write(more);
                out.flush();
            }
        }
        if (r.nextBoolean()) {
            s.shutdownOutput(); // half-closed: the client sees the end while the server still reads
            ScriptedServer.drain(in);
        }
    }

    /** Runs one session to its end; returns how it ended. */
    private static String runClient(int port, Response resp, String where) throws Exception {
        List<String> calls = new ArrayList<>();
        List<SseEvent> events = new ArrayList<>();
        PageSource page = PageSource.standInStream("http://127.0.0.1:" + port + "/events");
        LiveSession[] self = new LiveSession[1];
        LiveSession session = new LiveSession(page.detection().dialect(), page.dom(), WsOptions.defaults(), 0,
            LiveSession.Messages.TEXT, e -> {
                if (e instanceof LiveEvent.Page p && p.event() instanceof PageEvent.EventReceived r) {
                    events.add(new SseEvent(r.type(), r.data(), r.id()));
                    calls.add("event");
                    if (resp.keepSending() && events.size() >= 3 && !calls.contains("closed")) {
                        calls.add("closed");
                        self[0].close(); // while the server keeps writing
                    }
                } else if (e instanceof LiveEvent.StreamFailed f) {
                    calls.add("failed " + f.message());
                } else if (e instanceof LiveEvent.Page p && p.event() instanceof PageEvent.StreamClosed c) {
                    calls.add("ended " + c.why());
                }
            });
        self[0] = session;
        try {
            session.start();
            boolean ended = session.runUntil(() -> session.gaveUp() || session.httpInFlight() == 0
                && (calls.contains("closed") || !calls.isEmpty() && calls.get(calls.size() - 1).startsWith("ended")),
                20_000);
            assertThat(ended).as(where + ": the session ended; calls " + calls).isTrue();
        } finally {
            session.close();
        }
        for (String c : calls) {
            if (c.startsWith("failed ") || c.startsWith("ended ")) {
                assertThat(c).as(where + ": a failure is one line of htmxws's own words").doesNotContain("\n")
                    .doesNotContain("Exception");
            }
        }
        for (SseEvent e : events) {
            assertThat(e.data()).as(where).doesNotContain("\r");
        }
        if (resp.wellFramed() && !resp.keepSending() && calls.stream().noneMatch(c -> c.startsWith("ended HTTP")
            || c.startsWith("ended Content-Type"))) {
            String text = new String(resp.body(), StandardCharsets.UTF_8); // malformed bytes become U+FFFD
            assertThat(events).as(where + ": the events of the body").isEqualTo(new SseParser().feed(text));
        }
        boolean failed = calls.stream().anyMatch(c -> c.startsWith("failed") || c.startsWith("ended HTTP")
            || c.startsWith("ended Content-Type"));
        return failed ? "failed" : events.isEmpty() ? "ended-without-events" : "events";
    }

    // ---------------------------------------------------------------- responses

    private static Response response(Random r) {
        byte[] body = body(r);
        String type = pick(r, List.of("text/event-stream", "text/event-stream; charset=utf-8",
            "TEXT/Event-Stream ; charset=latin1", "text/event-stream;;;"));
        return switch (r.nextInt(12)) {
            case 0, 1 -> new Response("until-close", concat(head(r, "200 OK", "Content-Type: " + type), body), body,
                true, false);
            case 2, 3 -> new Response("chunked", concat(head(r, "200 OK", "Content-Type: " + type,
                "Transfer-Encoding: chunked"), chunked(r, body)), body, true, false);
            case 4 -> new Response("content-length", concat(head(r, "200 OK", "Content-Type: " + type,
                "Content-Length: " + body.length), body), body, true, false);
            case 5 -> new Response("content-length-short", concat(head(r, "200 OK", "Content-Type: " + type,
                "Content-Length: " + (body.length + 1 + r.nextInt(1000))), body), body, false, false);
            case 6 -> new Response("keeps-sending", concat(head(r, "200 OK", "Content-Type: " + type),
                "data: first\n\n".getBytes(StandardCharsets.US_ASCII)), body, true, true);
            case 7 -> new Response("bad-chunks", concat(head(r, "200 OK", "Content-Type: " + type,
                "Transfer-Encoding: chunked"), badChunks(r, body)), body, false, false);
            case 8 -> new Response("bad-head", concat(badHead(r), body), body, false, false);
            case 9 -> new Response("random-bytes", randomBytes(r, 2000), body, false, false);
            case 10 -> new Response("bad-length", concat(head(r, "200 OK", "Content-Type: " + type, "Content-Length: "
                + pick(r, List.of("-1", "-5", "99999999999999999999", "abc", " 3 ", "1, 2", ""))), body), body, false,
                false);
            default -> new Response("not-a-stream", concat(head(r, pick(r, List.of("204 No Content", "404 Not Found",
                "302 Found", "101 Switching Protocols", "100 Continue", "200 OK", "999 What")), pick(r,
                    List.of(
                        "Content-Type: text/html", "Location: ::bad::", "Location: ftp://x/", "X: y",
                        "Content-Type:"))),
                body),
                body, false, false);
        };
    }

    private static byte[] head(Random r, String status, String... headers) {
        String nl = r.nextInt(5) == 0 ? "\n" : "\r\n";
        StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(nl);
        if (r.nextInt(6) == 0) {
            b.setLength(0);
            b.append("HTTP/1.1 100 Continue").append(nl).append(nl).append("HTTP/1.1 ").append(status).append(nl);
        }
        for (String h : headers) {
            b.append(h).append(nl);
        }
        if (r.nextInt(4) == 0) {
            b.append("X-Junk: ").append("j".repeat(r.nextInt(100))).append(nl).append("no colon here").append(nl);
        }
        return b.append(nl).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] badHead(Random r) {
        String nl = "\r\n";
        return switch (r.nextInt(7)) {
            case 0 -> ("ICY 200 OK" + nl + nl).getBytes(StandardCharsets.ISO_8859_1);
            case 1 -> ("HTTP/1.1 2OO OK" + nl + nl).getBytes(StandardCharsets.ISO_8859_1);
            case 2 ->
                ("HTTP/1.1 200 OK" + nl + ("X-Many: h" + nl).repeat(300) + nl).getBytes(StandardCharsets.ISO_8859_1);
            case 3 -> ("HTTP/1.1 200 OK" + nl + "X-Long: " + "l".repeat(20_000) + nl + nl)
                .getBytes(StandardCharsets.ISO_8859_1);
            case 4 ->
                concat("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n".getBytes(StandardCharsets.ISO_8859_1),
                    randomBytes(r, 64));
            case 5 ->
                ("HTTP/1.1 200 OK" + nl + "Content-Type: text/event-stream").getBytes(StandardCharsets.ISO_8859_1);
            default -> ("HTTP/1.1" + nl + nl).getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** An event stream in UTF-8 with, sometimes, invalid UTF-8 put in, or random bytes. */
    private static byte[] body(Random r) {
        if (r.nextInt(6) == 0) {
            return randomBytes(r, 3000);
        }
        byte[] text = new SseStreams(r).stream().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(3) != 0) {
            return text;
        }
        List<byte[]> bad = List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0,
                (byte) 0x80},
            new byte[] {(byte) 0xF0, (byte) 0x9F}, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0x80});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text) {
            if (r.nextInt(20) == 0) {
                out.writeBytes(pick(r, bad));
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    private static byte[] chunked(Random r, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + r.nextInt(300));
            out.writeBytes((Integer.toHexString(n) + (r.nextInt(5) == 0 ? ";ext=1" : "") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] badChunks(Random r, byte[] body) {
        byte[] good = chunked(r, body);
        String size = pick(r, List.of("zz", "-5", "ffffffffffffffffff", "7fffffffffffffff", "", " ", "1;", "0x10"));
        byte[] prefix = (size + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return r.nextBoolean() ? concat(prefix, good)
            : java.util.Arrays.copyOf(good, Math.max(0, good.length - 1 - r.nextInt(5)));
    }

    private static byte[] randomBytes(Random r, int max) {
        byte[] b = new byte[r.nextInt(max)];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** Found by the fuzzing above: a negative Content-Length reached read() and escaped as IndexOutOfBoundsException. */
    @Test
    void aNegativeContentLengthIsABadResponseNotACrash() throws Exception {
        try (ScriptedServer server = new ScriptedServer(s -> {
            ScriptedServer.readHead(s.getInputStream());
            s.getOutputStream()
                .write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: -1\r\n\r\n"
                    + "data: x\n\n").getBytes(StandardCharsets.US_ASCII));
        })) {
            List<String> failures = new ArrayList<>();
            PageSource page = PageSource.standInStream("http://127.0.0.1:" + server.port() + "/");
            LiveSession session = new LiveSession(page.detection().dialect(), page.dom(), WsOptions.defaults(), 0,
                LiveSession.Messages.TEXT, e -> {
                    if (e instanceof LiveEvent.StreamFailed f) {
                        failures.add(f.message());
                    }
                });
            try {
                session.start();
                assertThat(session.runUntil(session::gaveUp, 10_000)).isTrue();
            } finally {
                session.close();
            }
            assertThat(failures).singleElement().asString().contains("bad Content-Length: -1")
                .doesNotContain("Exception");
        }
    }

    /** Prints the time for one 16 MiB event over a real socket and checks it arrives whole. */
    @Test
    void aSixteenMebibyteEventArrivesWhole() throws Exception {
        byte[] big = ("data: " + "é".repeat(8 << 20) + "\n\n").getBytes(StandardCharsets.UTF_8);
        try (ScriptedServer server = new ScriptedServer(s -> {
            ScriptedServer.readHead(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write(head(new Random(1), "200 OK", "Content-Type: text/event-stream"));
            out.write(big);
            out.flush();
        })) {
            List<String> events = new ArrayList<>();
            PageSource page = PageSource.standInStream("http://127.0.0.1:" + server.port() + "/");
            LiveSession session = new LiveSession(page.detection().dialect(), page.dom(), WsOptions.defaults(), 0,
                LiveSession.Messages.TEXT, e -> {
                    if (e instanceof LiveEvent.Page p && p.event() instanceof PageEvent.EventReceived r) {
                        events.add(r.data());
                    }
                });
            long t0 = System.nanoTime();
            try {
                session.start();
                assertThat(session.runUntil(() -> !events.isEmpty(), 60_000)).isTrue();
            } finally {
                session.close();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(events).singleElement().satisfies(d -> assertThat(d).hasSize(8 << 20).startsWith("éé"));
            System.out.printf(Locale.ROOT,
                "event stream: a 16 MiB event (8 Mi two-byte chars) over loopback in %d ms%n",
                ms);
        }
    }
}
