package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.net.SelfSignedCert;
import dev.htmxws.net.TestWsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, keepalive pings, dry runs, clicks and option defaults. */
class SendTlsAndOptionsTest {

    private TestWsServer ws;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (ws != null) {
            ws.close();
        }
    }

    private TestWsServer tlsServer() throws Exception {
        TestWsServer s = new TestWsServer();
        s.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(SelfSignedCert.localhost().serverContext()));
        s.onFrame = (c, t) -> c.send("secure " + t);
        return TestWsServer.launch(s);
    }

    @Test
    void tlsIsVerifiedByDefault() throws Exception {
        ws = tlsServer();
        String url = "wss://127.0.0.1:" + ws.getPort() + "/";
        CliResult refused = CliResult.run("send", "--raw", "x", "--expect", "1", url);
        assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.IO);
        assertThat(refused.err()).contains("the certificate of 127.0.0.1:" + ws.getPort() + " is not trusted")
            .contains("--cacert").doesNotContain("\tat ").doesNotContain("PKIX").doesNotContain("sun.security");
        assertThat(ws.connections).isEmpty();
    }

    @Test
    void tlsAcceptedWithInsecureOrTheCertificate() throws Exception {
        ws = tlsServer();
        String url = "wss://127.0.0.1:" + ws.getPort() + "/";
        CliResult k = CliResult.run("send", "-k", "--raw", "x", "--expect", "1", "--format", "raw", url);
        assertThat(k.code()).as(k.toString()).isZero();
        assertThat(k.out()).isEqualTo("secure x\n");
        CliResult ca = CliResult.run("send", "--cacert", SelfSignedCert.localhost().pem().toString(), "--raw", "y",
            "--expect", "1", "--format", "raw", url);
        assertThat(ca.code()).as(ca.toString()).isZero();
        assertThat(ca.out()).isEqualTo("secure y\n");
    }

    @Test
    void aBadCacertFileIsNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pem"), "not a certificate");
        CliResult r = CliResult.run("send", "--cacert", bad.toString(), "--raw", "x", "wss://127.0.0.1:1/");
        assertThat(r.code()).as("said before connecting, as bad input").isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("htmxws send: error: --cacert " + bad + ": not a PEM certificate file");
    }

    @Test
    void pingsKeepTheConnectionAlive() throws Exception {
        java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
        TestWsServer s = new TestWsServer() {
            @Override
            public void onWebsocketPing(org.java_websocket.WebSocket conn, org.java_websocket.framing.Framedata f) {
                pings.incrementAndGet();
                super.onWebsocketPing(conn, f);
            }
        };
        ws = TestWsServer.launch(s);
        CliResult r = CliResult.run("listen", "--ping-interval", "1s", "--timeout", "2500ms", "--format", "raw",
            ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(pings.get()).isPositive();
    }

    @Test
    void dryRunPrintsTheFrameForEachDialect() {
        CliResult h2 = CliResult.run("send", "--dry-run", "--trigger", "chat", "--target", "log", "--hx-header",
            "X-Csrf=t",
            "--form", "m=hi", "ws://example.test/chat");
        assertThat(h2.code()).as(h2.toString()).isZero();
        assertThat(h2.out()).isEqualTo("{\"m\":\"hi\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":\"chat\","
            + "\"HX-Trigger-Name\":null,\"HX-Target\":\"log\",\"HX-Current-URL\":\"http://example.test/\",\"X-Csrf\":\"t\"}}\n");
        CliResult h4 = CliResult.run("send", "--dry-run", "--htmx", "4", "--form", "m=hi", "--current-url",
            "http://example.test/room/7", "ws://example.test/chat");
        assertThat(h4.out()).isEqualTo("{\"m\":\"hi\",\"headers\":{\"HX-Request\":\"true\",\"HX-Source\":\"form\","
            + "\"HX-Current-URL\":\"http://example.test/room/7\",\"HX-Target\":\"form\"}}\n");
    }

    @Test
    void clickSendsTheButtonsValueFromAPageFile() throws Exception {
        Path page = Files.writeString(dir.resolve("page.html"), "<html><body><div hx-ext='ws' ws-connect='/ws'>"
            + "<form id='f' ws-send><input name='q' value='v'><button id='a' name='act' value='A'>A</button>"
            + "<button id='b' name='act' value='B'>B</button></form></div></body></html>");
        CliResult r = CliResult.run("send", "--dry-run", "--page", page.toString(), "--click", "#b",
            "http://example.test/app/");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
            .startsWith("{\"q\":\"v\",\"act\":\"B\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":\"f\"");
        assertThat(r.out()).contains("\"HX-Current-URL\":\"http://example.test/app/\"");
    }

    @Test
    void defaultsComeFromTheEnvironmentThenTheLocalThenTheUserFile() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".config/htmxws"));
        Files.writeString(home.resolve(".config/htmxws/defaults.properties"), "url=ws://user.example/\ntimeout=9s\n");
        picocli.CommandLine cl = HtmxwsCommand.full();
        var sendSpec = cl.getSubcommands().get("send").getCommandSpec();
        var urlArg = sendSpec.positionalParameters().get(0);
        var timeout = sendSpec.findOption("--timeout");

        DefaultsProvider userOnly = new DefaultsProvider(Map.<String, String>of()::get, work, home);
        assertThat(userOnly.defaultValue(urlArg)).isEqualTo("ws://user.example/");
        assertThat(userOnly.defaultValue(timeout)).isEqualTo("9s");

        Files.writeString(work.resolve(".htmxws.properties"), "url=ws://local.example/\n");
        DefaultsProvider local = new DefaultsProvider(Map.<String, String>of()::get, work, home);
        assertThat(local.defaultValue(urlArg)).isEqualTo("ws://local.example/");
        assertThat(local.defaultValue(timeout)).as("the user file still fills what the local one lacks")
            .isEqualTo("9s");

        DefaultsProvider env = new DefaultsProvider(Map.of("HTMXWS_URL", "ws://env.example/")::get, work, home);
        assertThat(env.defaultValue(urlArg)).isEqualTo("ws://env.example/");
    }
}
