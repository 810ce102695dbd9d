package dev.htmxws.protocol;

import org.jsoup.nodes.Element;

/**
 * One connect element's socket holder: htmx 2's socket wrapper or htmx 4's connection object. Its queue
 * survives reconnects; its socket id changes with each attempt.
 */
final class Connection {

    enum State { CONNECTING, OPEN, CLOSED }

    final Element connect;
    final String url;
    final WsConfig config;
    final ReconnectPolicy policy;
    final SendQueue queue;
    /** The socket of the current attempt; 0 while it waits for another socket to the same host to connect. */
    int socket;
    /** Where the current attempt goes, and its host:port. */
    String connectTo;
    String host = "";
    State state = State.CLOSED;
    /** Retries since the last open (htmx 1/2 retryCount, htmx 4 attempt). */
    int retries;
    /** htmx 4: still registered; false once given up (then sends are refused, not queued). */
    boolean alive = true;
    VirtualClock.Cancellable pendingReconnect;
    /** A reconnect is scheduled. */
    boolean reconnecting;

    Connection(Dialect dialect, Element connect, String url) {
        this.connect = connect;
        this.url = url;
        this.config = dialect == Dialect.HTMX4 ? WsConfig.fromHxConfig(connect.attr("hx-config")) : WsConfig.DEFAULT;
        this.policy = ReconnectPolicy.of(dialect, config);
        this.queue = SendQueue.of(dialect, config, PageModel.isExtensionSocket(dialect, connect));
    }
}
