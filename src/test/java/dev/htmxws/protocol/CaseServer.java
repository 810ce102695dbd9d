package dev.htmxws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private final ReplyRules rules;
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
        this.rules = new ReplyRules(reply);
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
    public boolean send(int socket, String frame) {
        activity++;
        Integer conn = connOfSocket.get(socket);
        if (conn == null || !openConns.contains(conn)) {
            return false; // not open: htmx's readyState check fails
        }
        sent.add(new Frame(conn, step, frame));
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
