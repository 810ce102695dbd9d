package dev.htmxws.server;

/**
 * What the server does with its clients: the chat demo, or the user's page with stdin and --echo. The hub calls
 * these from its worker threads; an implementation serialises them itself where order matters.
 */
public interface Room {

    /** A client was accepted (it counts in {@link Hub#clients()} already). */
    void joined(Client c, Hub hub);

    /** A text frame from a client. */
    void message(Client c, String text, Hub hub);

    /** A client went away (it no longer counts). */
    void left(Client c, int code, String reason, Hub hub);

    /** For a client refused because the server is full: a frame to send before the close, or null. */
    default String fullFragment(int maxClients) {
        return null;
    }

    /** The clients and a way to reach them all. */
    interface Hub {
        java.util.List<Client> clients();

        /** Sends the frame to every connected client; returns how many it went to. */
        int sendToAll(String frame);
    }
}
