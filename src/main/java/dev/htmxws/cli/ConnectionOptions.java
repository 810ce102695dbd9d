package dev.htmxws.cli;

import dev.htmxws.files.UserFiles;
import dev.htmxws.net.Tls;
import dev.htmxws.net.WsOptions;
import dev.htmxws.protocol.Dialect;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where and how to connect, shared by send, listen and connect. */
final class ConnectionOptions {

    @Parameters(paramLabel = "URL", arity = "0..1", description = "ws(s):// socket URL, or an http(s):// page whose ws-connect (or sse-connect) element says where.")
    String url;

    @Option(names = "--page", paramLabel = "URL|FILE", description = "Load this page and act as it would: its send elements, its swaps. With a file, a URL argument"
        + " gives the address it is served at.")
    String page;

    @Option(names = {"-H",
        "--header"}, paramLabel = "'NAME: VALUE'", description = "Extra upgrade header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Origin header. With a page: the page's origin, as a browser sends it.")
    String origin;

    @Option(names = "--subprotocol", paramLabel = "NAME", description = "Requested subprotocol (repeatable).")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--cookie", paramLabel = "'a=b; c=d'", description = "Cookie header for the upgrade.")
    String cookie;

    @Option(names = {"-k", "--insecure"}, description = "Accept any TLS certificate and host name.")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE", description = "Also trust the certificates in this PEM file.")
    Path cacert;

    @Option(names = "--proxy", paramLabel = "URL", description = "Proxy: http://HOST:PORT (CONNECT) or socks://HOST:PORT.")
    String proxy;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = Durations.class, description = "Time allowed for connecting and the upgrade. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Option(names = "--ping-interval", paramLabel = "DURATION", defaultValue = "0s", converter = Durations.class, description = "Send a ping this often and drop a connection that stops answering (0: off).")
    Duration pingInterval;

    @Option(names = "--max-message-size", paramLabel = "BYTES", defaultValue = "16777216", description = "Larger incoming messages close the socket with 1009. Default: 16 MiB.")
    int maxMessageSize;

    @Option(names = "--no-reconnect", description = "Do not reconnect when the socket closes.")
    boolean noReconnect;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "-1", description = "Give up after N reconnect attempts in a row (default: keep trying, as htmx does). "
        + "With N, a first connection that fails is retried too (a server still starting is waited for).")
    int maxRetries;

    @Option(names = "--show-ping-pong", description = "Print each ping and pong that arrives from the server (on stderr).")
    boolean showPingPong;

    @Option(names = "--htmx", paramLabel = "1|2|4", completionCandidates = VersionCandidates.Dialects.class, description = "htmx dialect (default 2, or detected from the page).")
    String htmx;

    Dialect dialect(Dialect detected) {
        if (htmx == null) {
            return detected;
        }
        Dialect d = Dialect.parse(htmx);
        if (d == null) {
            throw new UsageException("--htmx takes 1, 2 or 4, not '" + htmx + "'");
        }
        return d;
    }

    int retries() {
        return noReconnect ? 0 : maxRetries;
    }

    WsOptions ws() {
        List<String[]> hs = new ArrayList<>();
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("-H '" + h + "': write a header as 'Name: value'");
            }
            hs.add(new String[] {h.substring(0, colon).trim(), h.substring(colon + 1).trim()});
        }
        if (maxMessageSize <= 0) {
            throw new UsageException("--max-message-size '" + maxMessageSize + "': give a positive number of bytes");
        }
        Tls tls = new Tls(insecure, cacert);
        if (cacert != null) { // a bad certificate file is said before anything connects
            String bad = UserFiles.whyNotReadable(cacert);
            if (bad != null) {
                throw new UsageException("--cacert " + cacert + ": " + bad);
            }
            try {
                tls.context();
            } catch (java.io.IOException e) {
                throw new UsageException("--cacert " + cacert + ": " + e.getMessage().replace(cacert + ": ", ""));
            }
        }
        return new WsOptions(hs, origin, subprotocols, cookie, connectTimeout, pingInterval, maxMessageSize, tls,
            proxy());
    }

    private Proxy proxy() {
        if (proxy == null || proxy.isBlank()) {
            return Proxy.NO_PROXY;
        }
        URI u;
        try {
            u = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                "--proxy '" + proxy + "' is not a URL (write http://HOST:PORT or socks://HOST:PORT)");
        }
        if (u.getHost() == null || u.getPort() < 0) {
            throw new UsageException("--proxy '" + proxy + "' needs a host and a port");
        }
        Proxy.Type type = u.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("socks") ? Proxy.Type.SOCKS
            : Proxy.Type.HTTP;
        return new Proxy(type, InetSocketAddress.createUnresolved(u.getHost(), u.getPort()));
    }
}
