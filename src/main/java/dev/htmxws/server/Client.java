package dev.htmxws.server;

import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/** One connected WebSocket client: a number (1, 2, … in order of arrival), where it came from, and a way to answer. */
public final class Client {

    private final int id;
    private final String remote;
    private final WebSocket socket;
    /** Whatever the room keeps about this client (the chat: its name). */
    volatile String name;

    Client(int id, String remote, WebSocket socket) {
        this.id = id;
        this.remote = remote;
        this.socket = socket;
    }

    public int id() {
        return id;
    }

    /** The client's own address (host:port), as the front door saw it. */
    public String remote() {
        return remote;
    }

    /** Sends one text frame; a client that has just gone is skipped (its leave is reported separately). */
    public void send(String text) {
        try {
            socket.send(text);
        } catch (WebsocketNotConnectedException e) {
            // closing or closed: the hub reports the leave
        }
    }

    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public String toString() {
        return "client " + id;
    }
}
