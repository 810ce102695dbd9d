package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.net.TestWsServer;
import dev.htmxws.protocol.ReplyRules;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code htmxws connect} running scripts against real servers on loopback. */
class ConnectScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestWsServer ws;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (ws != null) {
            ws.close();
        }
    }

    private Path script(String text) throws Exception {
        return Files.writeString(dir.resolve("test.htmxws"), text);
    }

    private TestWsServer chatServer() throws Exception {
        TestWsServer s = TestWsServer.launch();
        s.onConnect = c -> c.send("<div id=\"users\" hx-swap-oob=\"innerHTML\">1 online</div>");
        s.onFrame = (c, t) -> {
            if (t.equals("bye")) {
                c.close(4000, "bye");
                return;
            }
            String msg = t.replaceAll("(?s).*\"chat_message\":\"([^\"]*)\".*", "$1");
            c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>Bob: " + msg + "</p></div>");
        };
        return s;
    }

    @Test
    void shellLinesAWscatUserTypes() throws Exception {
        ws = TestWsServer.launch();
        Path page = Files.writeString(dir.resolve("page.html"), "<div hx-ext=\"ws\" ws-connect=\"" + ws.url("/")
            + "\"><form ws-send><input name=\"m\"></form><ul id=\"log\"><li>one</li></ul></div>");
        Path s = script(String.join("\n",
            "{\"type\":\"hello\"}",
            "/raw first \\",
            "second",
            "hello there",
            "/text #nowhere",
            "/dom --pretty #log",
            "/ping",
            "expect no-message for 100ms"));
        CliResult r = CliResult.run("connect", "--script", s.toString(), "--page", page.toString(),
            "http://127.0.0.1:" + ws.getPort() + "/");
        assertThat(r.code()).as("the unknown line is a usage error of the script: %s", r).isEqualTo(ExitCode.USAGE);
        assertThat(ws.nextFrame(10).text()).as("a JSON line is sent as is").isEqualTo("{\"type\":\"hello\"}");
        assertThat(ws.nextFrame(10).text()).as("a /raw line ending in \\ goes on").isEqualTo("first \nsecond");
        assertThat(r.err()).contains(s + ":4: error: unknown command 'hello': a line is NAME=VALUE (fields to send),"
            + " JSON (sent as is), /raw TEXT, or a command (help lists them)");
        assertThat(r.out()).contains("(nothing on the page matches '#nowhere')")
            .contains("<ul id=\"log\">\n  <li>one</li>\n</ul>").containsPattern("pong in \\d+\\.\\d ms");
    }

    @Test
    void everyExpectationFormPassesWhenMet() throws Exception {
        ws = chatServer();
        Path s = script(String.join("\n",
            "# comments and blank lines are skipped",
            "",
            "chat_message=hi",
            "expect swap #chat_room beforeend",
            "expect message /Bob: hi/ within 2s",
            "/send chat_message=\"two words\"",
            "expect message /Bob: two words/",
            "expect no-message for 200ms",
            "/raw ${HOME}",
            "expect swap #chat_room",
            "/json {\"chat_message\":\"j\"}",
            "expect message /Bob: j/",
            "/ping",
            "/wait 50ms",
            "/queue",
            "/raw bye",
            "expect closed 4000 within 3s",
            ""));
        Path report = dir.resolve("report.xml");
        CliResult r = CliResult.run("connect", "--script", s.toString(), "--junit", report.toString(), "--no-reconnect",
            ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("#users innerHTML  1 online", "#chat_room beforeend  Bob: hi", "(nothing queued)");
        assertThat(r.err()).contains("ok: swap #chat_room beforeend", "ok: message /Bob: two words/",
            "ok: closed 4000");
        assertThat(ws.frames.stream().map(TestWsServer.Frame::text).toList())
            .contains("{\"chat_message\":\"two words\",\"HEADERS\":{\"HX-Request\":\"true\",\"HX-Trigger\":null,"
                + "\"HX-Trigger-Name\":null,\"HX-Target\":null,\"HX-Current-URL\":\"http://127.0.0.1:" + ws.getPort()
                + "/\"}}")
            .contains(System.getenv("HOME"), "{\"chat_message\":\"j\"}");
        Document xml = junit(report);
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("7");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(7);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo(s + ":4 expect swap #chat_room beforeend");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aFailedExpectationNamesFileLineAndTheLastMessagesAndExitsOne() throws Exception {
        ws = chatServer();
        Path s = script("chat_message=hi\nexpect swap #elsewhere within 300ms\nexpect message /Bob/\n");
        Path report = dir.resolve("report.xml");
        CliResult r = CliResult.run("connect", "--script", s.toString(), "--junit", report.toString(), ws.url("/"));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).contains(s + ":2: expectation failed: swap #elsewhere; not within 300 ms; last messages: ")
            .contains("<p>Bob: hi</p>").contains("ok: message /Bob/");
        Document xml = junit(report);
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).startsWith("not within 300 ms");
        assertThat(failure.getTextContent()).contains(s + ":2: expected swap #elsewhere");
    }

    @Test
    void aServersEscapeSequencesNeverReachTheTerminal() throws Exception {
        ws = TestWsServer.launch();
        String evil = "\u001b[2J\u001b]0;owned\u0007\u009b31m";
        ws.onFrame = (c, t) -> {
            c.send("<div id=\"x\" hx-swap-oob=\"true\">" + evil + "swapped</div>");
            c.send("no swap " + evil);
            c.close(4000, "bye " + evil + "\nline two");
        };
        Path s = script("chat_message=hi\nexpect message /swapped/\nexpect message /no swap/\n/wait 500ms\n");
        CliResult r = CliResult.run("connect", "--script", s.toString(), "--no-reconnect", ws.url("/"));
        assertThat(r.out() + r.err()).as(r.toString()).contains("swapped").contains("no swap").contains("bye")
            .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b").doesNotContain("\nline two");
    }

    @Test
    void noMessageFailsWhenOneArrives() throws Exception {
        ws = chatServer();
        CliResult r = CliResult.run("connect", "--script",
            script("chat_message=x\nexpect no-message for 2s\n").toString(),
            ws.url("/"));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.FAILED);
        assertThat(r.err()).contains(":2: expectation failed: no-message for 2000 ms; a message arrived");
    }

    @Test
    void badLinesAreUsageErrorsWithTheirPlace() throws Exception {
        ws = chatServer();
        Path s = script(
            "/frobnicate\nexpect swap\n/raw ${NO_SUCH_VARIABLE_FOR_HTMXWS}\nchat_message=ok\nexpect message /Bob: ok/\n"
                + "/wait 5x\nexpect swap #x within 1sec\n");
        CliResult r = CliResult.run("connect", "--script", s.toString(), ws.url("/"));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(s + ":1: error: unknown command 'frobnicate'")
            .contains(s + ":2: error: write: expect swap #id [style]")
            .contains(s + ":3: error: ${NO_SUCH_VARIABLE_FOR_HTMXWS} is not set").contains("ok: message /Bob: ok/")
            .contains(s + ":6: error: '5x' is not a duration (write e.g. 500ms, 5s, 2m)")
            .contains(s + ":7: error: '1sec' is not a duration (write e.g. 500ms, 5s, 2m)")
            .doesNotContain("internal error");
    }

    @Test
    void connectionFailureExitsThree() throws Exception {
        int port;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        CliResult r = CliResult.run("connect", "--script", script("chat_message=x\n").toString(),
            "ws://127.0.0.1:" + port + "/");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.IO);
        assertThat(r.err()).contains("cannot connect to 127.0.0.1:" + port);
        // an empty script (a CI smoke check: connect URL < /dev/null) fails too, and says why
        CliResult empty = CliResult.run("connect", "--script", script("").toString(), "ws://127.0.0.1:" + port + "/");
        assertThat(empty.code()).as(empty.toString()).isEqualTo(ExitCode.IO);
        assertThat(empty.err()).contains("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void ndjsonHasOneObjectPerEvent() throws Exception {
        ws = chatServer();
        CliResult r = CliResult.run("connect", "--format", "ndjson", "--script",
            script("chat_message=hi\nexpect swap #chat_room\n/dom\n").toString(), ws.url("/"));
        assertThat(r.code()).as(r.toString()).isZero();
        List<JsonNode> events = r.out().lines().map(ConnectScriptTest::json).toList();
        List<String> kinds = events.stream().map(e -> e.get("event").asText()).toList();
        // the server's greeting may come before or after our frame goes out; the reply comes after it
        assertThat(kinds).containsSubsequence("open", "sent", "received", "expect", "output");
        assertThat(kinds.stream().filter("received"::equals).count()).as(kinds.toString()).isEqualTo(2);
        JsonNode expect = events.stream().filter(e -> e.get("event").asText().equals("expect")).findFirst()
            .orElseThrow();
        assertThat(expect.get("result").asText()).isEqualTo("met");
        assertThat(expect.get("where").asText()).endsWith("test.htmxws:2");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void linesArrivingSlowlyThroughAPipeRunInOrderAndNothingIsLost() throws Exception {
        ws = chatServer();
        InputStream old = System.in;
        PipedOutputStream feed = new PipedOutputStream();
        System.setIn(new PipedInputStream(feed, 1 << 16));
        try {
            Future<CliResult> run = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "connect-under-test");
                t.setDaemon(true);
                return t;
            }).submit(() -> CliResult.run("connect", ws.url("/")));
            feed.write("chat_message=one\n".getBytes(StandardCharsets.UTF_8)); // before the socket is even open
            feed.flush();
            assertThat(ws.nextFrame(10).text()).contains("\"chat_message\":\"one\"");
            feed.write("expect message /Bob: one/\n".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            assertThat(ws.frames.poll(300, TimeUnit.MILLISECONDS)).as("nothing until the next line comes").isNull();
            feed.write("chat_message=two\nexpect message /Bob: two/\n".getBytes(StandardCharsets.UTF_8));
            feed.close();
            CliResult r = run.get(20, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(ws.nextFrame(5).text()).contains("\"chat_message\":\"two\"");
            assertThat(r.err()).contains("ok: message /Bob: one/", "ok: message /Bob: two/");
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void pageCommandsActLikeAUser() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (conn, t) -> conn
            .send("<div id=\"log\" hx-swap-oob=\"beforeend\"><p>" + t.length() + "</p></div>");
        Path page = Files.writeString(dir.resolve("page.html"), "<html><body><div hx-ext='ws' ws-connect='/ws'>"
            + "<div id='log'></div><form id='f' ws-send hx-headers='{\"X-Csrf\":\"t\"}'><input name='q'>"
            + "<select name='s'><option>a</option><option>b</option></select><button id='go' name='act' value='go'>Go</button>"
            + "</form><input id='live' name='live' ws-send hx-trigger='keyup changed'></div></body></html>");
        Path record = dir.resolve("recorded.htmxws");
        Path s = script(String.join("\n",
            "/record " + record,
            "/fill q=typed",
            "/change select[name=s] b",
            "/click #go",
            "expect count #log>p 1",
            "/type #live ab",
            "expect count #log>p 3",
            "/text #log",
            "/forms",
            "/headers",
            "/help",
            "/reconnect",
            "expect no-message for 100ms",
            "/close 4001 done",
            "expect closed 4001",
            "/quit",
            "/raw never-sent", ""));
        CliResult r = CliResult.run("connect", "--script", s.toString(), "--page", page.toString(),
            "http://127.0.0.1:" + ws.getPort() + "/app");
        assertThat(r.code()).as(r.toString()).isZero();
        List<String> sent = ws.frames.stream().map(TestWsServer.Frame::text).toList();
        assertThat(sent.get(0))
            .startsWith("{\"q\":\"typed\",\"s\":\"b\",\"act\":\"go\",\"HEADERS\":{\"HX-Request\":\"true\","
                + "\"HX-Trigger\":\"f\"")
            .endsWith("\"X-Csrf\":\"t\"}}");
        assertThat(sent.subList(1, 3)).extracting(f -> f.replaceAll(",\"HEADERS\".*", ""))
            .containsExactly("{\"live\":\"a\"", "{\"live\":\"ab\"");
        assertThat(sent).doesNotContain("never-sent");
        assertThat(r.out()).contains("<form#f>: q=typed s=b act=go", "<input#live>: live=ab")
            .contains("\"X-Csrf\": \"t\"").contains("/expect swap #id [style]");
        assertThat(ws.connections).hasSize(2);
        assertThat(Files.readString(record)).isEqualTo(String.join("\n", "/fill q=typed", "/change select[name=s] b",
            "/click #go", "expect count #log>p 1", "/type #live ab", "expect count #log>p 3", "/text #log", "/forms",
            "/headers", "/help", "/reconnect", "expect no-message for 100ms", "/close 4001 done", "expect closed 4001",
            "/quit", ""));
    }

    // ---------------------------------------------------------------- a chat per dialect, against the recordings

    /** Serves a recorded case's page as a file, answers by its reply rules, runs a script, checks the final DOM. */
    private void recordedChat(String name, String script) throws Exception {
        JsonNode c = resource("/conformance/cases/" + name + ".json");
        JsonNode result = resource("/conformance/results/" + name + ".json");
        ReplyRules rules = new ReplyRules(c.get("reply"));
        ws = TestWsServer.launch();
        ws.onFrame = (conn, t) -> rules.answers(t, conn.<Integer>getAttachment(), ws.frames.size()).forEach(conn::send);
        Path page = Files.writeString(dir.resolve("page.html"), "<!DOCTYPE html><html><head><title>" + name
            + "</title></head>" + c.get("page").asText() + "</html>");
        CliResult r = CliResult.run("connect", "--format", "ndjson", "--page", page.toString(), "--script",
            script(script).toString(), "http://127.0.0.1:" + ws.getPort() + "/page.html");
        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode dom = r.out().lines().map(ConnectScriptTest::json)
            .filter(e -> e.get("event").asText().equals("output") && e.get("command").asText().equals("dom"))
            .reduce((a, b) -> b).orElseThrow();
        assertThat(dom.get("text").asText()).isEqualTo(result.get("dom").asText());
    }

    @Test
    void htmx2ChatMatchesTheRecording() throws Exception {
        recordedChat("h2-form-hidden-echo", String.join("\n",
            "/submit #chat chat_message=hello",
            "expect text #log contains \"[lobby] hello\"",
            "/submit #chat \"chat_message=<b>not bold</b> & more\"",
            "expect count #log>p 2",
            "/submit form:not([id])",
            "expect text #log contains pong",
            "/dom", ""));
    }

    @Test
    void htmx4ChatMatchesTheRecording() throws Exception {
        recordedChat("h4-form-send", String.join("\n",
            "/submit #chat chat_message=hello",
            "expect text #log contains hello",
            "/click #ping",
            "expect count #log>p 2",
            "/dom", ""));
    }

    @Test
    void htmx1ChatAsProtocolMdDescribesIt() throws Exception {
        ws = TestWsServer.launch();
        ws.onFrame = (conn, t) -> conn.send("<div id=\"log\" hx-swap-oob=\"beforeend\"><p>"
            + t.replaceAll("(?s).*\"chat_message\":\"([^\"]*)\".*", "$1") + "</p></div><div id=\"nope\">x</div>");
        Path page = Files.writeString(dir.resolve("page.html"), "<html><body><div id=\"c\" hx-ws=\"connect:/chat\">"
            + "<div id=\"log\"></div><form id=\"f\" hx-ws=\"send\"><input name=\"chat_message\"></form></div></body></html>");
        CliResult r = CliResult.run("connect", "--format", "ndjson", "--page", page.toString(), "--script",
            script("/submit #f chat_message=hi\nexpect count #log>p 1\n/dom\n").toString(),
            "http://127.0.0.1:" + ws.getPort() + "/page.html");
        assertThat(r.code()).as(r.toString()).isZero();
        // CC-29: HX-Target is the connect element's id; CC-33: an unmatched element is dropped silently
        assertThat(ws.nextFrame(5).text()).isEqualTo("{\"chat_message\":\"hi\",\"HEADERS\":{\"HX-Request\":\"true\","
            + "\"HX-Trigger\":\"f\",\"HX-Trigger-Name\":null,\"HX-Target\":\"c\",\"HX-Current-URL\":\"http://127.0.0.1:"
            + ws.getPort() + "/page.html\"}}");
        assertThat(r.out())
            .contains("\"text\":\"<div id=\\\"c\\\" hx-ws=\\\"connect:/chat\\\"><div id=\\\"log\\\"><p>hi</p></div>"
                + "<form id=\\\"f\\\" hx-ws=\\\"send\\\"><input name=\\\"chat_message\\\" value=\\\"hi\\\"></form></div>\"");
    }

    private static JsonNode resource(String path) throws Exception {
        try (InputStream in = ConnectScriptTest.class.getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Document junit(Path report) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(report.toFile());
    }
}
