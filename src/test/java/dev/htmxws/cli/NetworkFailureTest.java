package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.ConnectProxy;
import dev.htmxws.net.RawTcpServer;
import dev.htmxws.net.Socks5Proxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection that could not be made, one case each: exit 3 and one line that names the stage that failed (TCP,
 * proxy, TLS, the upgrade) and the option that bounded the wait, for every kind of connection htmxws makes (the
 * WebSocket, the page fetch, the event stream), through a proxy or not. The same network options reach all of them.
 */
class NetworkFailureTest {

    private static RawTcpServer silent;
    private static RawTcpServer plain;
    private static int closed;

    @BeforeAll
    static void servers() throws IOException {
        silent = RawTcpServer.silent();
        plain = RawTcpServer.refusing("400 Bad Request"); // a plain HTTP server, answering a TLS hello with 400
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens there once it is closed
        }
    }

    @AfterAll
    static void close() throws IOException {
        silent.close();
        plain.close();
    }

    private static void fails(String firstLine, String... args) {
        CliResult r = CliResult.run(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(r.err().lines().findFirst().orElse("")).as(r.toString()).isEqualTo(firstLine);
        assertThat(r.err()).as("no stack trace, no JDK wording").doesNotContain("\tat ").doesNotContain("Exception")
            .doesNotContain("sun.security").doesNotContain("PKIX");
    }

    @Test
    void aRefusedConnectionAsksWhetherTheServerRuns() {
        fails("htmxws send: error: cannot connect to 127.0.0.1:" + closed + " (connection refused); is the server"
            + " running?", "send", "--raw", "x", "ws://127.0.0.1:" + closed + "/");
    }

    /** (2 s: long enough for a busy machine to make the TCP connection, so that the stage named is the upgrade.) */
    @Test
    void anUpgradeNeverAnsweredIsAConnectionFailureWhicheverTimeoutEndsIt() {
        String url = "ws://127.0.0.1:" + silent.port() + "/";
        fails("htmxws send: error: 127.0.0.1:" + silent.port() + " took the connection but did not answer the"
            + " WebSocket upgrade within 2000 ms (--timeout); is " + url + " a WebSocket endpoint?",
            "send", "--timeout", "2s", "--raw", "x", url);
        fails("htmxws listen: error: 127.0.0.1:" + silent.port() + " took the connection but did not answer the"
            + " WebSocket upgrade within 2000 ms (--timeout); is " + url + " a WebSocket endpoint?",
            "listen", "--count", "1", "--timeout", "2s", url);
        fails("htmxws send: error: 127.0.0.1:" + silent.port() + " took the connection but did not answer the"
            + " WebSocket upgrade within 2000 ms (--connect-timeout); is " + url + " a WebSocket endpoint?",
            "send", "--connect-timeout", "2s", "--raw", "x", url);
    }

    @Test
    void wssToAPlainPortSaysTls() {
        fails("htmxws send: error: 127.0.0.1:" + silent.port() + " took the connection but did not answer the TLS"
            + " handshake within 3000 ms (--timeout); is it a plain ws:// port?", // (time to set TLS up, on a busy machine)
            "send", "--timeout", "3s", "--raw", "x", "wss://127.0.0.1:" + silent.port() + "/");
        fails("htmxws send: error: 127.0.0.1:" + plain.port() + " answered without TLS; is it a plain ws:// or"
            + " http:// port? (the URL says wss:// or https://)",
            "send", "--raw", "x", "wss://127.0.0.1:" + plain.port() + "/");
        fails("htmxws listen: error: cannot load the page https://127.0.0.1:" + plain.port() + "/: 127.0.0.1:"
            + plain.port() + " answered without TLS; is it a plain ws:// or http:// port? (the URL says wss:// or"
            + " https://)", "listen", "https://127.0.0.1:" + plain.port() + "/");
    }

    @Test
    void aProxyThatIsDownIsNamedAsTheProxyForEveryConnection() {
        String proxy = "127.0.0.1:" + closed;
        String down = "cannot connect to the proxy " + proxy + " (connection refused); is it running? (--proxy)";
        fails("htmxws send: error: " + down, "send", "--proxy", "http://" + proxy, "--raw", "x",
            "ws://127.0.0.1:" + silent.port() + "/");
        fails("htmxws send: error: " + down, "send", "--proxy", "socks://" + proxy, "--raw", "x",
            "ws://127.0.0.1:" + silent.port() + "/");
        fails("htmxws listen: error: cannot load the page http://127.0.0.1:" + silent.port() + "/: " + down,
            "listen", "--proxy", "http://" + proxy, "http://127.0.0.1:" + silent.port() + "/");
        fails("htmxws listen: error: event stream http://127.0.0.1:" + silent.port() + "/events: " + down,
            "listen", "--sse", "--proxy", "socks://" + proxy, "http://127.0.0.1:" + silent.port() + "/events");
    }

    @Test
    void aProxyThatCannotReachTheServerSaysSo() throws IOException {
        try (ConnectProxy http = new ConnectProxy(); Socks5Proxy socks = new Socks5Proxy()) {
            fails("htmxws send: error: the proxy 127.0.0.1:" + http.port() + " would not connect to 127.0.0.1:"
                + closed + ": HTTP/1.1 502 Bad Gateway", "send", "--proxy", "http://127.0.0.1:" + http.port(),
                "--raw", "x", "ws://127.0.0.1:" + closed + "/");
            assertThat(http.tunnels).containsExactly("127.0.0.1:" + closed);
            CliResult r = CliResult.run("send", "--proxy", "socks://127.0.0.1:" + socks.port(), "--raw", "x",
                "ws://127.0.0.1:" + closed + "/");
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
            assertThat(r.err()).as(r.toString()).startsWith("htmxws send: error: the SOCKS proxy 127.0.0.1:"
                + socks.port() + " could not connect to 127.0.0.1:" + closed + ": ");
        }
    }
}
