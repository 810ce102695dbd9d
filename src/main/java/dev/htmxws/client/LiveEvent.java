package dev.htmxws.client;

import dev.htmxws.protocol.PageEvent;

/** What a live session reports: the page's events plus what only real sockets can tell. */
public sealed interface LiveEvent {

    /** Something the page did (a frame sent or queued, a message received and swapped, a warning…). */
    record Page(PageEvent event) implements LiveEvent {
    }

    /** A socket opened; {@code subprotocol} is what the server chose ("" for none). */
    record Opened(int socket, String url, String subprotocol, int connectionNumber) implements LiveEvent {
    }

    /** A binary frame arrived (htmx ignores them; shown as [binary N bytes]). */
    record Binary(int socket, byte[] data) implements LiveEvent {
    }

    /** A ping or a pong from the server (shown with --show-ping-pong). */
    record Control(int socket, boolean ping, int bytes) implements LiveEvent {
    }

    /** A socket could not be opened or broke; {@code message} is one line. */
    record Failed(int socket, String message) implements LiveEvent {
    }

    /** An event stream could not be opened or broke; {@code message} is one line (the page decides about retrying). */
    record StreamFailed(int stream, String message) implements LiveEvent {
    }

    /** No further attempt will be made: the retry budget is spent or reconnecting is off. */
    record GaveUp(String message) implements LiveEvent {
    }

    /**
     * Frames written on a socket that then closed (by the server, or dropped) before the server sent anything
     * after them: whether the server read them cannot be known, so they are reported, never counted as sent.
     */
    record Uncertain(int socket, java.util.List<String> frames, int code) implements LiveEvent {
    }
}
