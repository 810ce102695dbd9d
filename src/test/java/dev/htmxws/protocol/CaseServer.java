package dev.htmxws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server side of a recorded conformance case, played against an {@link HtmxPage} through its transport:
 * accepts sockets (or holds them, as the oracle's hold/release does), answers each frame by the case's
 * reply rules, pushes and closes on the script's steps, and records what the oracle records (frames with
 * their connection and step, connections, closes). Network events are delivered in order by
 * {@link #deliver()}, never re-entrantly.
 */
final class CaseServer implements HtmxPage.Transport {

    record Frame(int conn, int step, String raw) {
    }

    record Close(int conn, String by, int code) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([$A-Za-z0-9_.\\-]+)}");

    private final JsonNode reply;
    private HtmxPage page;
    private final ArrayDeque<Runnable> network = new ArrayDeque<>();
    private final Map<Integer, Integer> connOfSocket = new HashMap<>();
    private final Map<Integer, Integer> socketOfConn = new HashMap<>();
    private final List<Integer> openConns = new ArrayList<>();
    private final List<Integer> held = new ArrayList<>();
    final List<Frame> sent = new ArrayList<>();
    final List<Close> closes = new ArrayList<>();
    int connections;
    int step = -1;
    boolean holding;
    /** Transport calls so far: the harness's measure of "something happened". */
    int activity;

    CaseServer(JsonNode reply) {
        this.reply = reply;
    }

    void attach(HtmxPage page) {
        this.page = page;
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
    public void send(int socket, String frame) {
        activity++;
        Integer conn = connOfSocket.get(socket);
        if (conn == null || !openConns.contains(conn)) {
            return; // a browser discards frames on a socket that is not open
        }
        sent.add(new Frame(conn, step, frame));
        int n = sent.size();
        for (String answer : answers(frame, conn, n)) {
            network.add(() -> {
                if (openConns.contains(conn)) {
                    page.received(socket, answer);
                }
            });
        }
    }

    @Override
    public void close(int socket, int code) {
        activity++;
        Integer conn = connOfSocket.get(socket);
        if (conn != null && openConns.remove(conn)) {
            closes.add(new Close(conn, "client", code < 0 ? 1005 : code));
        }
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

    // ---------------------------------------------------------------- reply rules (oracle README "Reply rules")

    private List<String> answers(String raw, int conn, int n) {
        if (reply == null || reply.isNull()) {
            return List.of();
        }
        JsonNode frame = parse(raw);
        List<JsonNode> rules = new ArrayList<>();
        if (reply.isArray()) {
            reply.forEach(rules::add);
        } else {
            rules.add(reply);
        }
        for (JsonNode rule : rules) {
            JsonNode send;
            if (rule.isTextual()) {
                send = rule;
            } else {
                if (!matches(rule.get("when"), frame)) {
                    continue;
                }
                send = rule.get("send");
            }
            List<String> out = new ArrayList<>();
            if (send.isArray()) {
                send.forEach(t -> out.add(fill(t.asText(), frame, raw, conn, n)));
            } else {
                out.add(fill(send.asText(), frame, raw, conn, n));
            }
            return out;
        }
        return List.of();
    }

    private static boolean matches(JsonNode when, JsonNode frame) {
        if (when == null) {
            return true;
        }
        var it = when.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = walk(frame, e.getKey());
            if (v == null || !asString(v).equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static String fill(String template, JsonNode frame, String raw, int conn, int n) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String v = switch (key) {
                case "$raw" -> raw;
                case "$conn" -> Integer.toString(conn);
                case "$n" -> Integer.toString(n);
                default -> {
                    JsonNode node = walk(frame, key);
                    yield node == null || node.isMissingNode() ? "" : asString(node);
                }
            };
            m.appendReplacement(b, Matcher.quoteReplacement(escape(v)));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static JsonNode walk(JsonNode frame, String path) {
        JsonNode cur = frame;
        for (String part : path.split("\\.")) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur;
    }

    /** Strings as they are, arrays joined with commas, anything else as JSON. */
    private static String asString(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(asString(x)));
            return String.join(",", parts);
        }
        return v.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (Exception e) {
            return JSON.nullNode();
        }
    }
}
