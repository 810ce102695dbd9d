package dev.htmxws.net;

import java.net.Proxy;
import java.time.Duration;
import java.util.List;

/**
 * How to open a WebSocket, as the command line describes it.
 *
 * @param headers        extra upgrade headers, in order, as name/value pairs
 * @param origin         the Origin header (a browser sends the page's origin), or null
 * @param subprotocols   requested subprotocols; when given, the server must pick one (as browsers require)
 * @param cookie         the Cookie header value, or null
 * @param connectTimeout how long the TCP connect plus the upgrade may take
 * @param pingInterval   send a ping this often and give the connection up without pongs; zero for none
 * @param maxMessageSize a larger incoming message closes the socket with 1009
 * @param proxy          HTTP CONNECT or SOCKS proxy, or {@link Proxy#NO_PROXY}
 */
public record WsOptions(List<String[]> headers, String origin, List<String> subprotocols, String cookie,
    Duration connectTimeout, Duration pingInterval, int maxMessageSize, Tls tls, Proxy proxy) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 << 20;

    public static WsOptions defaults() {
        return new WsOptions(List.of(), null, List.of(), null, Duration.ofSeconds(10), Duration.ZERO,
            DEFAULT_MAX_MESSAGE_SIZE, Tls.DEFAULT, Proxy.NO_PROXY);
    }

    public WsOptions withCookie(String c) {
        return new WsOptions(headers, origin, subprotocols, c, connectTimeout, pingInterval, maxMessageSize, tls,
            proxy);
    }

    public WsOptions withOrigin(String o) {
        return new WsOptions(headers, o, subprotocols, cookie, connectTimeout, pingInterval, maxMessageSize, tls,
            proxy);
    }

    public WsOptions withSubprotocols(List<String> p) {
        return new WsOptions(headers, origin, p, cookie, connectTimeout, pingInterval, maxMessageSize, tls, proxy);
    }
}
