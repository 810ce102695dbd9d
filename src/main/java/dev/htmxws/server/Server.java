package dev.htmxws.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code htmxws serve}'s server: one public port (the {@link FrontDoor}) in front of the HTTP side (JDK
 * HttpServer: the page and the assets) and the WebSocket side (Java-WebSocket: one path, a {@link Room}).
 * One port, because a page's {@code ws-connect="/chatroom"} is relative to the page: the user's own page works
 * unchanged, and the socket is same-origin.
 */
public final class Server implements AutoCloseable {

    /**
     * @param host          the address to listen on (the caller warns about a non-loopback one)
     * @param port          0 for any free port
     * @param wsPath        where the WebSocket is, e.g. /chatroom
     * @param maxClients    more are told so and closed with 1013
     * @param maxMessageSize larger incoming messages close the socket with 1009
     * @param pingInterval  how often each client is pinged (and dropped when it stops answering); zero: never
     * @param anyOrigin     accept upgrades from pages of other origins
     */
    public record Config(String host, int port, String wsPath, int maxClients, int maxMessageSize,
        Duration pingInterval,
        boolean anyOrigin) {
    }

    /** Produces the page for each request, so that an edited --page file shows on reload. */
    public interface Page {
        String html() throws IOException;
    }

    private final Config cfg;
    private final PageServer http;
    private final WsHub ws;
    private final FrontDoor door;
    private final String host;

    private Server(Config cfg, PageServer http, WsHub ws, FrontDoor door, String host) {
        this.cfg = cfg;
        this.http = http;
        this.ws = ws;
        this.door = door;
        this.host = host;
    }

    /**
     * Starts everything; a port in use or an address that is not this machine's is an {@link IOException}
     * with a one-line message.
     */
    public static Server start(Config cfg, Page page, Assets assets, Room room, Consumer<String> log)
        throws IOException, InterruptedException {
        InetAddress addr;
        try {
            addr = InetAddress.getByName(cfg.host());
        } catch (java.net.UnknownHostException e) {
            throw new IOException("cannot listen on " + cfg.host() + ": unknown host");
        }
        FrontDoor[] door = new FrontDoor[1];
        WsHub ws = new WsHub(cfg, room, log, p -> door[0] == null ? "127.0.0.1:" + p : door[0].remoteOf(p));
        PageServer http = null;
        try {
            ws.startAndWait();
            http = new PageServer(page, assets, log);
            try {
                door[0] = new FrontDoor(new InetSocketAddress(addr, cfg.port()), http.port(), ws.getPort(),
                    head -> ws.refusal(FrontDoor.header(head, "Origin"), FrontDoor.header(head, "Host")));
            } catch (BindException e) {
                throw new IOException("cannot listen on " + cfg.host() + ":" + cfg.port() + ": " + e.getMessage()
                    + (cfg.port() != 0 ? " (pick another --port, or --port 0 for any free one)" : ""));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopQuietly(ws);
            if (http != null) {
                http.stop();
            }
            throw e;
        }
        String shown = addr.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : cfg.host();
        if (shown.contains(":") && !shown.startsWith("[")) {
            shown = "[" + shown + "]";
        }
        return new Server(cfg, http, ws, door[0], shown);
    }

    public int port() {
        return door.port();
    }

    public String pageUrl() {
        return "http://" + host + ":" + port() + "/";
    }

    public String wsUrl() {
        return "ws://" + host + ":" + port() + cfg.wsPath();
    }

    public Room.Hub hub() {
        return ws;
    }

    /**
     * Says goodbye to the clients with 1012 (Service Restart), after which htmx pages reconnect, so the tabs of a
     * restarted dev server come back on their own (1001 would strand them); stops listening; waits at most about
     * 2 s.
     */
    @Override
    public void close() {
        stopQuietly(ws); // first, while the front door still carries the close frames
        door.close();
        http.stop();
    }

    private static void stopQuietly(WsHub ws) {
        ws.closeForRestart();
        try {
            ws.stop(1500, "server stopping"); // each client got 1012 already: the library's own 1001 is not sent
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
