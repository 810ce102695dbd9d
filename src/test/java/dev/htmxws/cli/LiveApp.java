package dev.htmxws.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.htmxws.net.TestWsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real-time htmx app on loopback, in each htmx dialect and over each transport, as an application a user
 * points htmxws at: its page (with the dialect's script tags), a WebSocket chat that greets and echoes each frame as
 * an out-of-band fragment, and an event stream of notes that a form's {@code hx-post} adds to and that ends with a
 * {@code tick} event, which makes the page's ticker issue {@code GET /tick}. The stream's first connection is cut in
 * the middle of an event; the next one resumes after the {@code Last-Event-ID} it brings.
 */
final class LiveApp implements AutoCloseable {

    enum Dialect {
        HTMX1("https://unpkg.com/htmx.org@1.9.12"), HTMX1EXT("https://unpkg.com/htmx.org@1.9.12"), HTMX2(
            "https://unpkg.com/htmx.org@2.0.8"), HTMX4("https://unpkg.com/htmx.org@4.0.1");

        final String script;

        Dialect(String script) {
            this.script = script;
        }
    }

    private final Dialect dialect;
    private final HttpServer http;
    private final ExecutorService pool;
    final TestWsServer ws;
    /** Last-Event-ID of each stream request ("" when none). */
    final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    /** What the page posted and the requests it made, in order: "POST /say msg=hi", "GET /tick". */
    final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicInteger ticks = new AtomicInteger();
    private final List<HttpExchange> open = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>(List.of("one", "two", "three"));

    LiveApp(Dialect dialect) throws IOException, InterruptedException {
        this.dialect = dialect;
        this.ws = TestWsServer.launch();
        ws.onConnect = c -> c.send("<div id=\"log\" hx-swap-oob=\"beforeend\"><p>welcome</p></div>");
        ws.onFrame = (c, text) -> c.send("<div id=\"log\" hx-swap-oob=\"beforeend\"><p>echo " + text.length()
            + "</p></div>");
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "live-app");
            t.setDaemon(true);
            return t;
        });
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(pool);
        http.createContext("/ws.html", ex -> page(ex, wsPage()));
        http.createContext("/sse.html", ex -> page(ex, ssePage()));
        http.createContext("/sse/feed", this::stream);
        http.createContext("/say", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), UTF_8);
            requests.add(ex.getRequestMethod() + " /say " + body);
            String msg = body.startsWith("msg=") ? URLDecoder.decode(body.substring(4), UTF_8) : body;
            notes.add(msg);
            for (HttpExchange s : open) {
                write(s, event(notes.size(), msg));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.createContext("/tick", ex -> {
            requests.add(ex.getRequestMethod() + " /tick");
            byte[] b = ("<p>tick " + ticks.incrementAndGet() + "</p>").getBytes(UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        http.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private String wsPage() {
        String url = ws.url("/chat");
        String inner = "<div id=\"log\"></div>";
        String body = switch (dialect) {
            case HTMX1 -> "<div hx-ws=\"connect:" + url + "\">" + inner
                + "<form id=\"f\" hx-ws=\"send\"><input name=\"msg\"></form></div>";
            case HTMX1EXT, HTMX2 -> "<div hx-ext=\"ws\" ws-connect=\"" + url + "\">" + inner
                + "<form id=\"f\" ws-send><input name=\"msg\"></form></div>";
            case HTMX4 -> "<div hx-ws:connect=\"" + url + "\">" + inner
                + "<form id=\"f\" hx-ws:send><input name=\"msg\"></form></div>";
        };
        return html(body);
    }

    private String ssePage() {
        String form = "<form id=\"say\" hx-post=\"/say\" hx-swap=\"none\"><input name=\"msg\"></form>";
        String body = switch (dialect) {
            case HTMX1 ->
                "<div hx-sse=\"connect:/sse/feed\"><ul id=\"notes\" hx-sse=\"swap:note\" hx-swap=\"beforeend\"></ul>"
                    + "<div id=\"ticker\" hx-get=\"/tick\" hx-trigger=\"sse:tick\"></div></div>" + form;
            case HTMX1EXT, HTMX2 -> "<div hx-ext=\"sse\" sse-connect=\"/sse/feed\"><ul id=\"notes\" sse-swap=\"note\""
                + " hx-swap=\"beforeend\"></ul><div id=\"ticker\" hx-get=\"/tick\" hx-trigger=\"sse:tick\"></div></div>"
                + form;
            case HTMX4 ->
                "<div id=\"feed\" hx-sse:connect=\"/sse/feed\" hx-target=\"#notes\" hx-swap=\"beforeend\"></div>"
                    + "<ul id=\"notes\"></ul><div id=\"ticker\" hx-get=\"/tick\" hx-trigger=\"tick from:#feed\"></div>"
                    + form;
        };
        return html(body);
    }

    private String html(String body) {
        String ext = dialect == Dialect.HTMX1EXT ? "<script src=\"https://unpkg.com/htmx.org@1.9.12/dist/ext/sse.js\">"
            + "</script><script src=\"https://unpkg.com/htmx.org@1.9.12/dist/ext/ws.js\"></script>"
            : dialect == Dialect.HTMX2 ? "<script src=\"https://unpkg.com/htmx-ext-sse@2.2.4\"></script>"
                + "<script src=\"https://unpkg.com/htmx-ext-ws@2.0.4\"></script>"
                : dialect == Dialect.HTMX4
                    ? "<script src=\"https://unpkg.com/htmx.org@4.0.1/dist/ext/hx-sse.js\"></script>"
                        + "<script src=\"https://unpkg.com/htmx.org@4.0.1/dist/ext/hx-ws.js\"></script>"
                    : "";
        return "<!DOCTYPE html><html><head><script src=\"" + dialect.script + "\"></script>" + ext + "</head><body>"
            + body + "</body></html>";
    }

    /** An event with an id: a named note (htmx 4 swaps only unnamed events, so there it has no name). */
    private String event(int id, String note) {
        return "id: " + id + "\n" + (dialect == Dialect.HTMX4 ? "" : "event: note\n") + "data: <li>" + note
            + "</li>\n\n";
    }

    private String tick() {
        return "event: tick\ndata: t\n\n";
    }

    /**
     * The first connection sends note 1 and half of note 2, then ends; a reconnect resumes after its Last-Event-ID,
     * and the stream then stays open (a tick after the notes).
     */
    private void stream(HttpExchange ex) throws IOException {
        String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
        lastEventIds.add(last == null ? "" : last);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        if (streams.incrementAndGet() == 1) {
            String two = event(2, notes.get(1));
            write(ex, "retry: 100\n" + event(1, notes.get(0)) + two.substring(0, two.length() / 2));
            ex.close(); // cut in the middle of an event
            return;
        }
        int from = last == null || last.isEmpty() ? 0 : Integer.parseInt(last);
        StringBuilder b = new StringBuilder();
        for (int i = from; i < notes.size(); i++) {
            b.append(event(i + 1, notes.get(i)));
        }
        write(ex, b + tick());
        open.add(ex);
    }

    private static void page(HttpExchange ex, String html) throws IOException {
        byte[] b = html.getBytes(UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static void write(HttpExchange ex, String text) {
        try {
            OutputStream out = ex.getResponseBody();
            out.write(text.getBytes(UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client went away; the stream is done
        }
    }

    /** The requests the page made so far, waiting (bounded) for at least {@code n}. */
    List<String> requests(int n, long seconds) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (out.size() < n) {
            String r = requests.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                break;
            }
            out.add(r);
        }
        requests.drainTo(out);
        return out;
    }

    @Override
    public void close() throws Exception {
        for (HttpExchange ex : open) {
            ex.close();
        }
        http.stop(0);
        pool.shutdownNow();
        ws.close();
    }
}
