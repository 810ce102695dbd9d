package dev.htmxws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.htmxws.protocol.requests.CaseRoutes;
import dev.htmxws.protocol.requests.HttpRequest;
import dev.htmxws.protocol.requests.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server side of a recorded conformance case, played against an {@link HtmxPage} through its transport, as the
 * oracle's case server plays it for a browser: accepts sockets (or holds them, as the oracle's hold/release does),
 * answers each frame by the case's reply rules, pushes and closes on the script's steps; opens event streams under
 * {@code /sse/} (or holds them), writes their events, ends them; answers the page's requests by the case's routes;
 * and records what the oracle records (frames with their connection and step, connections, closes, requests with
 * their htmx headers and step, streams and their ends). Network events are delivered in order by {@link #deliver()},
 * never re-entrantly.
 */
final class CaseServer implements HtmxPage.Transport {

    /** The authority the page is served from in a replay; recorded text names it {@code 127.0.0.1:{port}}. */
    static final String AUTHORITY = "127.0.0.1:54321";

    record Frame(int conn, int step, String raw) {
    }

    record Close(int conn, String by, int code) {
    }

    record Request(String method, String path, String query, Map<String, String> headers, String body, int step,
        Integer sse) {
    }

    record SseClose(int conn, String by) {
    }

    private final ReplyRules rules;
    private final CaseRoutes routes;
    private HtmxPage page;
    private final ArrayDeque<Runnable> network = new ArrayDeque<>();
    private final Map<Integer, Integer> connOfSocket = new HashMap<>();
    private final Map<Integer, Integer> socketOfConn = new HashMap<>();
    private final List<Integer> openConns = new ArrayList<>();
    private final List<Integer> held = new ArrayList<>();
    final List<Frame> sent = new ArrayList<>();
    final List<Close> closes = new ArrayList<>();
    final List<Request> requests = new ArrayList<>();
    final List<SseClose> sseCloses = new ArrayList<>();
    int connections;
    int step = -1;
    boolean holding;
    /** Transport calls so far: the harness's measure of "something happened". */
    int activity;

    // event streams: the page's stream id of each open stream number (1-based, in opening order)
    private final List<Integer> streamOfSse = new ArrayList<>();
    private final List<Integer> openSse = new ArrayList<>();
    private final List<Object[]> sseHeld = new ArrayList<>(); // {stream id, HttpRequest}
    boolean sseHolding;

    CaseServer(JsonNode reply, JsonNode routes) {
        this.rules = new ReplyRules(reply);
        this.routes = new CaseRoutes(routes);
    }

    void attach(HtmxPage page) {
        this.page = page;
    }

    int sseConnections() {
        return streamOfSse.size();
    }

    // ---------------------------------------------------------------- transport (called by the page)

    @Override
    public void open(int socket, String url, List<String> protocols) {
        activity++;
        if (holding) {
            held.add(socket);
        } else {
            network.add(() -> accept(socket));
        }
    }

    @Override
    public boolean send(int socket, String frame) {
        activity++;
        Integer conn = connOfSocket.get(socket);
        if (conn == null || !openConns.contains(conn)) {
            return false; // not open: htmx's readyState check fails
        }
        sent.add(new Frame(conn, step, normalise(frame)));
        int n = sent.size();
        for (String answer : rules.answers(frame, conn, n)) {
            network.add(() -> {
                if (openConns.contains(conn)) {
                    page.received(socket, answer);
                }
            });
        }
        return true;
    }

    @Override
    public void close(int socket, int code) {
        activity++;
        Integer conn = connOfSocket.get(socket);
        if (conn != null && openConns.remove(conn)) {
            closes.add(new Close(conn, "client", code < 0 ? 1005 : code));
        }
    }

    @Override
    public void openStream(int stream, HttpRequest request) {
        activity++;
        String path = path(request.url());
        if (!path.startsWith("/sse/") || !request.method().equals("GET")) {
            HttpResponse r = route(request);
            network.add(() -> {
                page.streamOpened(stream, r.status(), "text/html; charset=utf-8");
                if (!r.body().isEmpty()) {
                    page.streamText(stream, r.body());
                }
                page.streamEnded(stream, null);
            });
            return;
        }
        if (sseHolding) {
            sseHeld.add(new Object[] {stream, request});
            return;
        }
        acceptSse(stream, request, 200);
    }

    @Override
    public void closeStream(int stream) {
        activity++;
        int n = streamOfSse.indexOf(stream) + 1;
        if (n > 0 && openSse.remove(Integer.valueOf(n))) {
            sseCloses.add(new SseClose(n, "client"));
        }
    }

    @Override
    public void request(int id, HttpRequest request) {
        activity++;
        HttpResponse r = route(request);
        network.add(() -> page.responded(id, r));
    }

    // ---------------------------------------------------------------- requests

    private HttpResponse route(HttpRequest request) {
        String url = request.url();
        int q = url.indexOf('?');
        String query = q < 0 ? "" : url.substring(q + 1).replaceFirst("#.*$", "");
        requests.add(record(request, path(url), query, request.body() == null ? "" : request.body(), null));
        return routes.answer(request, requests.size());
    }

    private Request record(HttpRequest request, String path, String query, String body, Integer sse) {
        Map<String, String> headers = new TreeMap<>();
        request.headers().forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (name.startsWith("hx-") || name.equals("last-event-id")) {
                headers.put(name, normalise(v));
            }
        });
        return new Request(request.method(), path, normalise(query), headers, normalise(body), step, sse);
    }

    private static String path(String url) {
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        String p = slash < 0 ? "/" : rest.substring(slash);
        int cut = p.length();
        for (char c : new char[] {'?', '#'}) {
            int i = p.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return p.substring(0, cut);
    }

    /** Recorded text names the page's host as the oracle does. */
    static String normalise(String text) {
        return text.replace("//" + AUTHORITY, "//127.0.0.1:{port}");
    }

    // ---------------------------------------------------------------- event streams

    private void acceptSse(int stream, HttpRequest request, int status) {
        String url = request.url();
        int q = url.indexOf('?');
        String query = q < 0 ? "" : url.substring(q + 1).replaceFirst("#.*$", "");
        if (status != 200) {
            requests.add(record(request, path(url), query, "", null));
            network.add(() -> {
                page.streamOpened(stream, status, (String) null);
                page.streamEnded(stream, null);
            });
            return;
        }
        streamOfSse.add(stream);
        int n = streamOfSse.size();
        openSse.add(n);
        requests.add(record(request, path(url), query, "", n));
        network.add(() -> page.streamOpened(stream, 200, "text/event-stream"));
    }

    /** Writes events (one chunk) on stream N, or the latest open one; false when none is open. */
    boolean ssePush(List<JsonNode> events, Integer conn) {
        Integer n = conn != null ? conn : latestOpenSse();
        if (n == null || !openSse.contains(n)) {
            return false;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events) {
            if (e.isTextual()) {
                text.append(dataLines(e.asText()));
            } else {
                if (e.has("event")) {
                    text.append("event: ").append(e.get("event").asText()).append('\n');
                }
                if (e.has("id")) {
                    text.append("id: ").append(e.get("id").asText()).append('\n');
                }
                if (e.has("retry")) {
                    text.append("retry: ").append(e.get("retry").asText()).append('\n');
                }
                if (e.has("data")) {
                    text.append(dataLines(e.get("data").asText()));
                }
            }
            text.append('\n');
        }
        int stream = streamOfSse.get(n - 1);
        network.add(() -> page.streamText(stream, text.toString()));
        return true;
    }

    private static String dataLines(String data) {
        StringBuilder out = new StringBuilder();
        for (String line : data.split("\r\n|\r|\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.toString();
    }

    boolean sseComment(String text, Integer conn) {
        Integer n = conn != null ? conn : latestOpenSse();
        if (n == null || !openSse.contains(n)) {
            return false;
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            out.append(": ").append(line).append('\n');
        }
        out.append('\n');
        int stream = streamOfSse.get(n - 1);
        network.add(() -> page.streamText(stream, out.toString()));
        return true;
    }

    boolean sseEnd(Integer conn) {
        Integer n = conn != null ? conn : latestOpenSse();
        if (n == null || !openSse.remove(n)) {
            return false;
        }
        sseCloses.add(new SseClose(n, "server"));
        int stream = streamOfSse.get(n - 1);
        network.add(() -> page.streamEnded(stream, null));
        return true;
    }

    /** Answers every held stream request; false when none is waiting yet. */
    boolean sseRelease(int status) {
        if (sseHeld.isEmpty()) {
            return false;
        }
        if (status == 200) {
            sseHolding = false;
        }
        List<Object[]> now = new ArrayList<>(sseHeld);
        sseHeld.clear();
        for (Object[] h : now) {
            acceptSse((Integer) h[0], (HttpRequest) h[1], status);
        }
        return true;
    }

    private Integer latestOpenSse() {
        return openSse.isEmpty() ? null : openSse.get(openSse.size() - 1);
    }

    // ---------------------------------------------------------------- script steps (called by the test)

    private void accept(int socket) {
        connections++;
        connOfSocket.put(socket, connections);
        socketOfConn.put(connections, socket);
        openConns.add(connections);
        page.opened(socket);
    }

    void push(String text, Integer conn) {
        int c = conn != null ? conn : latestOpen();
        if (c < 0) {
            return;
        }
        int socket = socketOfConn.get(c);
        network.add(() -> {
            if (openConns.contains(c)) {
                page.received(socket, text);
            }
        });
    }

    void serverClose(int code) {
        int c = latestOpen();
        if (c < 0) {
            return;
        }
        openConns.remove(Integer.valueOf(c));
        closes.add(new Close(c, "server", code));
        int socket = socketOfConn.get(c);
        network.add(() -> page.closed(socket, code));
    }

    /** Lets the held attempts through; false when none is waiting yet. */
    boolean release() {
        if (held.isEmpty()) {
            return false;
        }
        holding = false;
        for (int s : held) {
            network.add(() -> accept(s));
        }
        held.clear();
        return true;
    }

    boolean hasHeld() {
        return !held.isEmpty();
    }

    /** Delivers every pending network event, including the ones they cause. */
    void deliver() {
        while (!network.isEmpty()) {
            network.poll().run();
        }
    }

    private int latestOpen() {
        return openConns.isEmpty() ? -1 : openConns.get(openConns.size() - 1);
    }
}
