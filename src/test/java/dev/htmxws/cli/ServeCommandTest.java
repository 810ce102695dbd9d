package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.server.Assets;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code htmxws serve} end to end: real servers on 127.0.0.1, real clients (Java-WebSocket, htmxws itself, HTTP). */
class ServeCommandTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ServeFixture fixture = new ServeFixture();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private RunningServe serve(String... args) throws Exception {
        return fixture.serve(args);
    }

    private WsTestClient client(String url) throws InterruptedException {
        return fixture.client(url);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static String chat(String name, String message) {
        return "{\"chat_message\":\"" + message + "\",\"name\":\"" + name + "\",\"HEADERS\":{\"HX-Request\":\"true\"}}";
    }

    // ------------------------------------------------------------------ the chat demo

    @Test
    void theChatPageLoadsHtmxAndTheWsExtensionFromTheCdnAndConnectsOnItsOwnPort() throws Exception {
        RunningServe s = serve();
        assertThat(s.pageUrl).isEqualTo("http://127.0.0.1:" + s.port + "/");
        assertThat(s.wsUrl).isEqualTo("ws://127.0.0.1:" + s.port + "/chatroom");
        HttpResponse<String> r = get(s.pageUrl);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        Document page = Jsoup.parse(r.body());
        assertThat(page.select("script[src]").eachAttr("src"))
            .containsExactly("https://unpkg.com/htmx.org@2.0.8/dist/htmx.min.js",
                "https://unpkg.com/htmx-ext-ws@2.0.4/dist/ws.js");
        Element conn = page.selectFirst("[ws-connect]");
        assertThat(conn.attr("hx-ext")).isEqualTo("ws");
        assertThat(conn.attr("ws-connect")).isEqualTo("/chatroom");
        Element form = conn.selectFirst("form[ws-send]");
        assertThat(form.select("input").eachAttr("name")).containsExactly("name", "chat_message");
        assertThat(conn.select("#chat_room, #users, #status")).hasSize(3);
        assertThat(get(s.pageUrl + "nothing-here").statusCode()).isEqualTo(404);
        assertThat(get(s.pageUrl + "assets/htmx.min.js").statusCode()).as("no --assets: nothing local").isEqualTo(404);
    }

    @Test
    void messagesGoToEveryClientWithTheUsersCountAndStatusInTheSameMessage() throws Exception {
        RunningServe s = serve();
        WsTestClient a = client(s.wsUrl);
        assertThat(a.next()).startsWith("<div id=\"chat_room\" hx-swap-oob=\"innerHTML\">")
            .contains("guest-1 joined").contains(">1 online<").contains("connected as guest-1");
        WsTestClient b = client(s.wsUrl);
        assertThat(b.next()).contains("hx-swap-oob=\"innerHTML\"").contains(">2 online<");
        assertThat(a.next())
            .isEqualTo("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p class=\"notice\">guest-2 joined</p></div>"
                + "<span id=\"users\" hx-swap-oob=\"true\">2 online</span><p id=\"status\" hx-swap-oob=\"true\">guest-2 joined</p>");

        a.send(chat("Alice", "hi all"));
        String expected = "<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p class=\"msg\"><b>Alice</b>: hi all</p></div>"
            + "<span id=\"users\" hx-swap-oob=\"true\">2 online</span><p id=\"status\" hx-swap-oob=\"true\">last message from Alice</p>";
        assertThat(a.next()).isEqualTo(expected);
        assertThat(b.next()).isEqualTo(expected);

        // our own client, through the page as a browser would use it: its form, its name field
        CliResult sent = CliResult.run("send", "--form", "name=Carol", "--form", "chat_message=from the cli",
            "--until", "from the cli", "--format", "text", s.pageUrl);
        assertThat(sent.code()).as(sent.toString()).isZero();
        assertThat(sent.out()).contains("#chat_room beforeend  Carol: from the cli")
            .contains("#users outerHTML  3 online");
        assertThat(a.nextContaining("Carol")).contains("<b>Carol</b>: from the cli");
        assertThat(b.nextContaining("Carol")).contains("<b>Carol</b>: from the cli");
        assertThat(a.nextContaining("left")).contains("Carol left").contains(">2 online<"); // htmxws send closed, named

        b.closeBlocking();
        assertThat(a.nextContaining("left")).contains("<p class=\"notice\">guest-2 left</p>").contains(">1 online<");
        assertThat(s.err.toString()).contains("client 1 connected from 127.0.0.1:")
            // 1000, or 1006 when the client's TCP close overtakes the server's own bookkeeping of its close reply
            .containsPattern("client 2 left: 100[06] \\(1 online\\)");
    }

    @Test
    void aConnectingClientGetsTheLast50LinesSoAReconnectIsNotStale() throws Exception {
        RunningServe s = serve();
        WsTestClient a = client(s.wsUrl);
        a.next();
        for (int i = 1; i <= 60; i++) {
            a.send(chat("Alice", "m" + i));
        }
        a.nextContaining("m60");
        CliResult l = CliResult.run("listen", "--count", "1", "--format", "raw", "--timeout", "10s", s.wsUrl);
        assertThat(l.code()).as(l.toString()).isZero();
        Document snap = Jsoup.parseBodyFragment(l.out());
        Element room = snap.selectFirst("#chat_room");
        assertThat(room.attr("hx-swap-oob")).isEqualTo("innerHTML");
        List<String> lines = room.select("p").eachText();
        assertThat(lines).hasSize(50);
        assertThat(lines.get(0)).isEqualTo("Alice: m12");
        assertThat(lines.get(48)).isEqualTo("Alice: m60");
        assertThat(lines.get(49)).isEqualTo("guest-2 joined");

        // a client that was away reconnects: its snapshot holds what it missed
        a.closeBlocking();
        WsTestClient b = client(s.wsUrl);
        b.next();
        b.send(chat("Bob", "while Alice was away"));
        b.nextContaining("while Alice");
        WsTestClient back = client(s.wsUrl);
        String snapshot = back.next();
        assertThat(snapshot).contains("<p class=\"notice\">Alice left</p>").contains("<b>Bob</b>: while Alice was away")
            .endsWith(
                "<span id=\"users\" hx-swap-oob=\"true\">2 online</span><p id=\"status\" hx-swap-oob=\"true\">connected as guest-4;"
                    + " type a name to change it</p>");
    }

    @Test
    void userTextIsEscapedInEveryFragment() throws Exception {
        RunningServe s = serve();
        WsTestClient a = client(s.wsUrl);
        a.next();
        String xss = "<script>alert(1)</script>";
        String evilName = "<img src=x onerror=alert(2)>";
        a.send("{\"chat_message\":\"" + xss + " & \\\"quotes\\\" 'x'\",\"name\":\"" + evilName + "\"}");
        String msg = a.next();
        assertThat(msg).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;x&#39;")
            .contains("<b>&lt;img src=x onerror=alert(2)&gt;</b>")
            .contains("last message from &lt;img src=x onerror=alert(2)&gt;")
            .doesNotContain("<script").doesNotContain("<img");
        Document d = Jsoup.parseBodyFragment(msg);
        assertThat(d.select("script, img, [onerror]")).isEmpty();
        assertThat(d.selectFirst("#chat_room p").text()).isEqualTo(evilName + ": " + xss + " & \"quotes\" 'x'");

        // the leave notice and a newcomer's snapshot carry the name escaped too
        a.closeBlocking();
        WsTestClient b = client(s.wsUrl);
        String snap = b.next();
        assertThat(snap).contains("&lt;img src=x onerror=alert(2)&gt; left").doesNotContain("<img")
            .doesNotContain("<script");

        // through htmxws send: what a browser's page would swap in is text, not a script element
        CliResult r = CliResult.run("send", "--form", "chat_message=" + xss, "--until", "#chat_room p.msg", "--format",
            "html",
            "--timeout", "10s", s.pageUrl);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void emptyAndNonJsonMessagesAreAnsweredOnlyToTheSender() throws Exception {
        RunningServe s = serve();
        WsTestClient a = client(s.wsUrl);
        a.next();
        WsTestClient b = client(s.wsUrl);
        b.next();
        a.next();
        a.send(chat("Alice", "  "));
        assertThat(a.next()).isEqualTo("<p id=\"status\" hx-swap-oob=\"true\">not sent: the message is empty</p>");
        a.send("not json");
        assertThat(a.next()).contains("not sent: the chat expects the form&#39;s JSON");
        assertThat(b.messages.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void moreThanMaxClientsAreToldAndClosedWith1013() throws Exception {
        RunningServe s = serve("--max-clients", "2");
        client(s.wsUrl).next();
        client(s.wsUrl).next();
        WsTestClient third = new WsTestClient(s.wsUrl, Map.of());
        third.connectBlocking(10, TimeUnit.SECONDS); // it may already be closed again when this returns
        assertThat(third.next())
            .isEqualTo("<p id=\"status\" hx-swap-oob=\"true\">the chat is full (2 people); htmx will try"
                + " again</p>");
        assertThat(third.awaitClose()).isTrue();
        assertThat(third.closeCode).isEqualTo(1013);
        assertThat(third.closeReason).isEqualTo("server full: 2 clients connected (--max-clients)");
        CliResult r = CliResult.run("listen", "--no-reconnect", "--format", "raw", "--timeout", "10s", s.wsUrl);
        assertThat(r.out()).as(r.toString()).contains("the chat is full");
        assertThat(r.err()).as(r.toString()).contains("1013")
            .contains("server full: 2 clients connected (--max-clients)");
        assertThat(s.err.toString()).contains("refused a client from 127.0.0.1:").contains("server full: 2 clients");
    }

    @Test
    void aMessageOverMaxMessageSizeClosesWith1009AndSaysWhichLimit() throws Exception {
        RunningServe s = serve("--max-message-size", "1000");
        WsTestClient a = client(s.wsUrl);
        a.next();
        a.send(chat("A", "x".repeat(900)));
        assertThat(a.next()).contains("x".repeat(900));
        a.send(chat("A", "y".repeat(2000)));
        assertThat(a.awaitClose()).isTrue();
        assertThat(a.closeCode).isEqualTo(1009);
        assertThat(a.closeReason).isEqualTo("message too big: the limit is 1000 bytes (--max-message-size)");
        assertThat(a.messages).noneMatch(m -> m.contains("yyy"));
    }

    @Test
    void clientsArePingedAsAHeartbeat() throws Exception {
        RunningServe s = serve("--ping-interval", "1s");
        WsTestClient a = client(s.wsUrl);
        assertThat(a.pinged.await(10, TimeUnit.SECONDS)).as("a ping within 10 s").isTrue();
        assertThat(a.isOpen()).as("answered pongs keep it open").isTrue();
    }

    @Test
    void onlyTheSocketPathAndSameOriginPagesMayUpgrade() throws Exception {
        RunningServe s = serve("--ws-path", "/ws/chat");
        assertThat(s.wsUrl).endsWith("/ws/chat");
        assertThat(Jsoup.parse(get(s.pageUrl).body()).selectFirst("[ws-connect]").attr("ws-connect"))
            .isEqualTo("/ws/chat");
        CliResult wrong = CliResult.run("send", "--raw", "x", "--no-reconnect",
            "ws://127.0.0.1:" + s.port + "/chatroom");
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(ExitCode.IO);
        assertThat(wrong.err()).contains("server refused the upgrade");
        WsTestClient evil = new WsTestClient(s.wsUrl, Map.of("Origin", "http://evil.example"));
        assertThat(evil.connectBlocking(10, TimeUnit.SECONDS)).as("a cross-origin page is refused").isFalse();
        CliResult crossOrigin = CliResult.run("send", "--raw", "x", "--origin", "http://evil.example", s.wsUrl);
        assertThat(crossOrigin.code()).as(crossOrigin.toString()).isEqualTo(ExitCode.IO);
        assertThat(crossOrigin.err()).as("a 403 that says what allows it").contains("htmxws send: error: server refused"
            + " the upgrade: HTTP 403 Forbidden: cross-origin upgrade from http://evil.example (serve --any-origin"
            + " allows it)");
        WsTestClient same = client(s.wsUrl.replace("ws://", "ws://") + "?x=1");
        assertThat(same.next()).contains("guest-1 joined");
        WsTestClient sameOrigin = WsTestClient.open(s.wsUrl, Map.of("Origin", "http://127.0.0.1:" + s.port));
        fixture.closeAfter(sameOrigin::closeBlocking);
        assertThat(sameOrigin.next()).contains("connected as guest-2");
        assertThat(s.err.toString()).contains("refused a WebSocket upgrade for /chatroom: the socket is at /ws/chat")
            .contains("refused a WebSocket upgrade from origin http://evil.example");
    }

    @Test
    void anyOriginLetsOtherPagesConnect() throws Exception {
        RunningServe s = serve("--any-origin");
        WsTestClient other = WsTestClient.open(s.wsUrl, Map.of("Origin", "http://localhost:3000"));
        fixture.closeAfter(other::closeBlocking);
        assertThat(other.next()).contains("guest-1 joined");
    }

    @Test
    void assetsServesLocalCopiesAndThePageLoadsThem() throws Exception {
        Files.writeString(dir.resolve("htmx.min.js"), "/* htmx 2.0.8 */");
        Files.writeString(dir.resolve("ws.js"), "/* ws 2.0.4 */");
        Files.writeString(dir.resolve("style.css"), "body{}");
        RunningServe s = serve("--assets", dir.toString());
        Document page = Jsoup.parse(get(s.pageUrl).body());
        assertThat(page.select("script[src]").eachAttr("src")).containsExactly(Assets.HTMX_URL, Assets.WS_URL);
        HttpResponse<String> htmx = get(s.pageUrl + "assets/htmx.min.js");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).isEqualTo("/* htmx 2.0.8 */");
        assertThat(htmx.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get(s.pageUrl + "assets/ws.js").body()).isEqualTo("/* ws 2.0.4 */");
        assertThat(get(s.pageUrl + "assets/style.css").body()).isEqualTo("body{}");
        assertThat(get(s.pageUrl + "assets/..%2Fhtmx.min.js").statusCode()).isEqualTo(404);
        assertThat(get(s.pageUrl + "assets/.hidden").statusCode()).isEqualTo(404);
    }

    @Test
    void assetsWithoutTheScriptsSaysWhatToCopy() throws Exception {
        Files.writeString(dir.resolve("htmx.js"), "x");
        CliResult r = CliResult.run("serve", "--port", "0", "--assets", dir.toString());
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).isEqualTo("htmxws serve: error: --assets " + dir + ": no ws.js (or ws.min.js) there; copy"
            + " node_modules/htmx-ext-ws/dist/ws.js into it\n");
    }

    // ------------------------------------------------------------------ host, port, usage

    @Test
    void aNonLoopbackHostWarnsOnStderrAndLoopbackDoesNot() throws Exception {
        RunningServe all = serve("--host", "0.0.0.0");
        assertThat(all.err.toString()).startsWith("warning: listening on 0.0.0.0, reachable from other machines");
        assertThat(all.err.toString().lines().filter(l -> l.startsWith("warning:")).count()).isEqualTo(1);
        assertThat(all.pageUrl).isEqualTo("http://127.0.0.1:" + all.port + "/");
        assertThat(get(all.pageUrl).statusCode()).isEqualTo(200);
        RunningServe local = serve("--host", "localhost");
        assertThat(local.err.toString()).doesNotContain("warning");
        assertThat(local.pageUrl).startsWith("http://localhost:");
    }

    @Test
    void aPortInUseIsOneLineAndExitThree() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliResult r = CliResult.run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
            assertThat(r.err())
                .startsWith("htmxws serve: error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
                .endsWith("(pick another --port, or --port 0 for any free one)\n");
            assertThat(r.err().lines()).hasSize(1);
        }
    }

    @Test
    void usageErrors() {
        assertThat(CliResult.run("serve", "--echo", "{x}").err())
            .contains("--echo answers client messages in --page mode");
        assertThat(CliResult.run("serve", "--demo", "todo").err()).contains("--demo 'todo': the only demo is chat");
        assertThat(CliResult.run("serve", "--page", "x.html", "--echo", "{oops").err())
            .contains("--echo: unclosed placeholder");
        assertThat(CliResult.run("serve", "--ws-path", "chat").err()).contains("--ws-path 'chat': write a path");
        assertThat(CliResult.run("serve", "--max-clients", "0").code()).isEqualTo(ExitCode.USAGE);
        CliResult missing = CliResult.run("serve", "--port", "0", "--page", dir.resolve("nope.html").toString());
        assertThat(missing.code()).as("said before the port is taken").isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("--page " + dir.resolve("nope.html") + ": no such file");
    }

    @Test
    void serveDefaultsLiveUnderTheirOwnKeysSoAClientsPageIsNotTakenForAFile() throws Exception {
        Files.writeString(dir.resolve(DefaultsProvider.LOCAL),
            "page=http://localhost:8000/\nport=9999\nserve.port=8001\n");
        CommandLine cl = HtmxwsCommand.full();
        cl.setDefaultValueProvider(new DefaultsProvider(k -> null, dir, dir));
        ServeCommand sc = cl.parseArgs("serve").subcommand().commandSpec().commandLine().getCommand();
        assertThat(sc.port).isEqualTo(8001);
        assertThat(sc.page).isNull();
    }

    // ------------------------------------------------------------------ --page mode

    private Path page() throws Exception {
        Path p = dir.resolve("chat.html");
        Files.writeString(p, "<!DOCTYPE html><html><head><script src=\"https://unpkg.com/htmx.org@2.0.8\"></script>"
            + "<script src=\"https://unpkg.com/htmx-ext-ws@2.0.4\"></script></head><body>"
            + "<div hx-ext=\"ws\" ws-connect=\"/chatroom\"><div id=\"chat_room\"></div>"
            + "<form id=\"f\" ws-send><input name=\"chat_message\"></form></div></body></html>");
        return p;
    }

    @Test
    void pageModeServesTheFilePushesStdinLinesToEveryClientAndPrintsWhatClientsSend() throws Exception {
        Path p = page();
        RunningServe s = serve("--page", p.toString(), "--ws-path", "/chatroom");
        assertThat(get(s.pageUrl).body()).isEqualTo(Files.readString(p));
        Files.writeString(p, Files.readString(p).replace("<body>", "<body><h1>edited</h1>"));
        assertThat(get(s.pageUrl).body()).as("read again on each request").contains("<h1>edited</h1>");
        WsTestClient a = client(s.wsUrl);
        WsTestClient b = client(s.wsUrl);
        await().atMost(Duration.ofSeconds(10)).until(() -> s.err.toString().contains("client 2 connected")); // before the push
        s.line("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>from the terminal</p></div>");
        assertThat(a.next())
            .isEqualTo("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>from the terminal</p></div>");
        assertThat(b.next())
            .isEqualTo("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>from the terminal</p></div>");

        // htmxws listen on the page sees the push swapped into the page
        a.send("{\"chat_message\":\"raw one\"}");
        CliResult sent = CliResult.run("send", "--form", "chat_message=hello server", s.pageUrl);
        assertThat(sent.code()).as(sent.toString()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> printed = s.out.toString().lines().toList();
            assertThat(printed).contains("{\"chat_message\":\"raw one\"}");
            assertThat(printed).as(() -> sent + "\n--- serve's stderr\n" + s.err)
                .anySatisfy(l -> assertThat(l).startsWith(
                    "{\"chat_message\":\"hello server\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":\"f\""));
        });
        assertThat(s.stop()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(a.awaitClose()).isTrue();
        assertThat(a.closeCode).as("htmx reconnects after 1012 when the server is back").isEqualTo(1012);
    }

    @Test
    void aLineWithNoClientIsReportedNotLost() throws Exception {
        RunningServe s = serve("--page", page().toString());
        s.line("nobody listens");
        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(s.err.toString()).contains("not sent: no client is connected"));
    }

    @Test
    void prettyFormatIndentsTheJsonWithItsHeaders() throws Exception {
        RunningServe s = serve("--page", page().toString(), "--format", "pretty");
        WsTestClient a = client(s.wsUrl);
        a.send("{\"chat_message\":\"hi\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":\"f\"}}");
        a.send("plain text");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(s.out.toString())
            .contains("client 1:\n{\n  \"chat_message\" : \"hi\",\n  \"HEADERS\" : {\n"
                + "    \"HX-Request\" : \"true\",\n    \"HX-Trigger\" : \"f\"\n  }\n}\n" + "client 1:\nplain text\n"));
    }

    @Test
    void echoAnswersEachMessageWithTheTemplateFilledAndEscaped() throws Exception {
        RunningServe s = serve("--page", page().toString(), "--echo",
            "<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p title=\"{HEADERS.HX-Trigger}\">{chat_message} {{ok}}{missing}</p></div>");
        CliResult r = CliResult.run("send", "--form", "chat_message=<script>alert(\"x\")</script>", "--expect", "1",
            "--format", "raw", s.pageUrl);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p title=\"f\">"
            + "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {ok}</p></div>\n");
        assertThat(s.err.toString())
            .contains("warning: --echo: a message from client 1 has no field missing; {missing} is left empty");
        WsTestClient a = client(s.wsUrl);
        a.send("{\"chat_message\":[\"a\",\"<b>\"],\"HEADERS\":{\"HX-Trigger\":\"\\\"><script>\"}}");
        assertThat(a.next())
            .isEqualTo("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p title=\"&quot;&gt;&lt;script&gt;\">"
                + "a, &lt;b&gt; {ok}</p></div>");
    }

    // ------------------------------------------------------------------ Ctrl-C in a real process

    /** A dev server restarted on its port gets its pages back: htmx reconnects after 1012, not after 1001. */
    @Test
    void aPageComesBackWhenServeRestartsOnItsPort() throws Exception {
        RunningServe first = new RunningServe("serve", "--port", "0");
        int port = first.port;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // the greeting (one message of three swaps), then the restarted server's
            java.util.concurrent.Future<CliResult> listen = pool.submit(() -> CliResult.run("listen", "--page",
                first.pageUrl, "--format", "text", "--count", "2", "--timeout", "60s"));
            await().atMost(Duration.ofSeconds(20)).until(() -> first.err.toString().contains("(1 online)"));
            assertThat(first.stop()).isEqualTo(ExitCode.INTERRUPTED);
            first.close();
            try (RunningServe second = new RunningServe("serve", "--port", Integer.toString(port))) {
                CliResult r = listen.get(90, TimeUnit.SECONDS);
                assertThat(r.code()).as(r.toString()).isZero();
                assertThat(r.err()).as(r.toString()).contains("closed with 1012 (server stopping); reconnecting")
                    .contains("(connection 2)").doesNotContain("1001");
            }
        } finally {
            pool.shutdownNow();
            first.close();
        }
    }

    @Test
    void ctrlCClosesTheClientsWith1012AndExits130() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.htmxws.testing.Signals.sigintIgnored(),
            dev.htmxws.testing.Signals.SIGINT_IGNORED);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "serve", "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("serving http://127.0.0.1:");
            String ws = line.replaceAll("^.*\\(WebSocket (\\S+)\\)$", "$1");
            WsTestClient a = client(ws);
            a.next();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the process ended").isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(a.awaitClose()).isTrue();
            assertThat(a.closeCode).isEqualTo(1012);
        } finally {
            p.destroyForcibly();
        }
    }
}
