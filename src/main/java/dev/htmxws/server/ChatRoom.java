package dev.htmxws.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The {@code --demo chat} room, in the spirit of htmx's own chat demo. Every message a client receives is a set
 * of out-of-band fragments: a line appended to {@code #chat_room} ({@code hx-swap-oob="beforeend"}), the
 * connected-users count {@code #users} and the status line {@code #status}. A client that connects (or
 * reconnects) first gets the last {@value #SNAPSHOT} lines as {@code #chat_room}'s whole content, so it is
 * never stale. All user text is HTML-escaped. Calls are serialised, so every client sees the same order.
 */
public final class ChatRoom implements Room {

    public static final int SNAPSHOT = 50;
    static final int MAX_NAME = 40;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<String> log = new ArrayDeque<>();

    @Override
    public synchronized void joined(Client c, Hub hub) {
        c.name = guest(c);
        String line = notice(c.name + " joined");
        remember(line);
        int online = hub.clients().size();
        c.send(snapshot() + users(online) + status("connected as " + c.name + "; type a name to change it"));
        String others = append(line) + users(online) + status(c.name + " joined");
        for (Client o : hub.clients()) {
            if (o != c) {
                o.send(others);
            }
        }
    }

    @Override
    public synchronized void message(Client c, String text, Hub hub) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (java.io.IOException e) {
            m = null;
        }
        if (m == null || !m.isObject()) {
            c.send(status("not sent: the chat expects the form's JSON (chat_message, name)"));
            return;
        }
        String name = m.path("name").asText("").strip();
        if (!name.isEmpty()) {
            c.name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        }
        String said = m.path("chat_message").asText("").strip();
        if (said.isEmpty()) {
            c.send(status("not sent: the message is empty"));
            return;
        }
        String line = "<p class=\"msg\"><b>" + Html.escape(c.name) + "</b>: " + Html.escape(said) + "</p>";
        remember(line);
        hub.sendToAll(append(line) + users(hub.clients().size()) + status("last message from " + c.name));
    }

    @Override
    public synchronized void left(Client c, int code, String reason, Hub hub) {
        String line = notice(c.name + " left");
        remember(line);
        hub.sendToAll(append(line) + users(hub.clients().size()) + status(c.name + " left"));
    }

    @Override
    public String fullFragment(int maxClients) {
        return status("the chat is full (" + maxClients + " people); htmx will try again");
    }

    /** The recent log as the snapshot a connecting client gets (for tests and the page). */
    synchronized String snapshot() {
        return "<div id=\"chat_room\" hx-swap-oob=\"innerHTML\">" + String.join("", log) + "</div>";
    }

    private void remember(String line) {
        log.addLast(line);
        while (log.size() > SNAPSHOT) {
            log.removeFirst();
        }
    }

    private static String guest(Client c) {
        return "guest-" + c.id();
    }

    private static String notice(String text) {
        return "<p class=\"notice\">" + Html.escape(text) + "</p>";
    }

    private static String append(String line) {
        return "<div id=\"chat_room\" hx-swap-oob=\"beforeend\">" + line + "</div>";
    }

    static String users(int online) {
        return "<span id=\"users\" hx-swap-oob=\"true\">" + online + " online</span>";
    }

    static String status(String text) {
        return "<p id=\"status\" hx-swap-oob=\"true\">" + Html.escape(text) + "</p>";
    }
}
