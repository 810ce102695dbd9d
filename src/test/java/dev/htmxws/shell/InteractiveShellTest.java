package dev.htmxws.shell;

import static dev.htmxws.shell.TerminalHarness.lastRow;
import static dev.htmxws.shell.TerminalHarness.showing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.htmxws.cli.ExitCode;
import dev.htmxws.client.PageSource;
import dev.htmxws.net.TestWsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell driven through a terminal: JLine on a pseudo-terminal fed by pipes, its output run
 * through a VT100 screen emulator, against a real WebSocket server. Assertions are on the screen rows a
 * person would see and on the frames the server receives.
 */
class InteractiveShellTest {

    private static final String BOB = "<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>Bob: Hi Alice!</p></div>";
    /** An SGR sequence that sets a foreground colour. */
    private static final Pattern COLOUR = Pattern.compile("\u001b\\[[0-9;]*3[0-7](;[0-9;]*)?m");

    @TempDir
    Path dir;

    private TestWsServer ws;
    private TerminalHarness term;

    @BeforeEach
    void start() throws Exception {
        ws = TestWsServer.launch();
    }

    @AfterEach
    void stop() throws Exception {
        if (term != null) {
            term.close();
        }
        ws.close();
    }

    private PageSource chatPage() throws Exception {
        Path page = dir.resolve("chat.html");
        Files.writeString(page, "<!DOCTYPE html><html><body>\n"
            + "<div hx-ext=\"ws\" ws-connect=\"" + ws.url("/chat") + "\">\n"
            + "  <div id=\"chat_room\"></div>\n"
            + "  <form id=\"chat_form\" ws-send>\n"
            + "    <input name=\"chat_message\"> <input type=\"hidden\" name=\"room_name\" value=\"lobby\">\n"
            + "  </form>\n"
            + "</div></body></html>\n");
        return PageSource.file(page, "http://127.0.0.1:" + ws.getPort() + "/");
    }

    private TerminalHarness shell(Path history, Map<String, String> env) throws Exception {
        term = new TerminalHarness(chatPage(), history, env);
        return term;
    }

    /** Waits (bounded) for the prompt row to read exactly {@code row}. */
    private List<String> awaitRow(String row) throws InterruptedException {
        String r = row.stripTrailing();
        List<String> s = term.awaitScreen(sc -> lastRow(sc).equals(r), 10);
        assertThat(lastRow(s)).as(String.join("\n", s)).isEqualTo(r);
        return s;
    }

    private String frame() throws InterruptedException {
        TestWsServer.Frame f = ws.nextFrame(10);
        assertThat(f).as("a frame reached the server").isNotNull();
        return f.text();
    }

    @Test
    void aRefusedFirstConnectionEndsTheShellWithOneLine() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path page = dir.resolve("down.html");
        Files.writeString(page, "<div hx-ext=\"ws\" ws-connect=\"ws://127.0.0.1:" + closed + "/chat\">"
            + "<form ws-send><input name=\"m\"></form></div>");
        term = new TerminalHarness(PageSource.file(page, "http://127.0.0.1:" + closed + "/"), null, Map.of());
        assertThat(term.exitCode(20)).as("ends at once, as a script does: exit 3").isEqualTo(ExitCode.IO);
        List<String> screen = term.awaitScreen(s -> true, 1);
        assertThat(screen.stream().filter(l -> l.contains("cannot connect to 127.0.0.1:" + closed)))
            .as(String.join("\n", screen)).hasSize(1);
    }

    @Test
    void messagesArrivingWhileTypingArePrintedAboveTheIntactLine() throws Exception {
        shell(dir.resolve("history"), Map.of());
        awaitRow("htmx2> ");
        term.type("chat_message=\"hello wor");
        awaitRow("htmx2> chat_message=\"hello wor");
        ws.latest().send(BOB);
        ws.latest().send("<div id=\"nowhere\">lost</div>");
        List<String> s = term.awaitScreen(showing("the <div> is dropped"), 10);
        int swap = s.indexOf("#chat_room beforeend  Bob: Hi Alice!");
        int warning = indexOfRowContaining(s, "warning: no element matches '#nowhere'");
        int prompt = s.indexOf("htmx2> chat_message=\"hello wor");
        assertThat(swap).as(String.join("\n", s)).isNotNegative();
        assertThat(warning).as("a warning for the fragment htmx drops").isGreaterThan(swap);
        assertThat(prompt).as("the line being typed is redrawn below, intact").isGreaterThan(warning);
        assertThat(lastRow(s)).isEqualTo("htmx2> chat_message=\"hello wor");

        // a burst of messages between single keystrokes
        Thread pusher = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                ws.latest().send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>burst " + i + "</p></div>");
            }
        });
        pusher.start();
        for (char c : "ld, typed slowly".toCharArray()) {
            term.type(String.valueOf(c));
        }
        pusher.join(10_000);
        s = term.awaitScreen(showing("burst 39"), 10);
        awaitRow("htmx2> chat_message=\"hello world, typed slowly");
        term.type("\"\r");
        assertThat(frame()).startsWith("{\"chat_message\":\"hello world, typed slowly\",\"room_name\":\"lobby\"");
        term.type("/quit\r");
        assertThat(term.exitCode(10)).isZero();
    }

    @Test
    void thePromptShowsTheConnectionStateAndIsRedrawnWhenItChanges() throws Exception {
        ws.hold(); // the upgrade waits: the socket stays CONNECTING
        shell(null, Map.of());
        awaitRow("htmx2…> ");
        term.type("/text #chat_room");
        awaitRow("htmx2…> /text #chat_room");
        ws.release();
        awaitRow("htmx2> /text #chat_room");
        ws.latest().close(4000, "bye");
        List<String> s = awaitRow("htmx2…> /text #chat_room");
        assertThat(s).anyMatch(l -> l.startsWith("closed with 4000 (bye)"));
        term.type("\u0015\u0004"); // Ctrl-U clears the line, then Ctrl-D ends the shell
        assertThat(term.exitCode(10)).isZero();
    }

    @Test
    void tabCompletesCommandsFieldNamesIdsAndSendElementsOfThePage() throws Exception {
        shell(null, Map.of());
        awaitRow("htmx2> ");
        term.type("chat_m\t");
        awaitRow("htmx2> chat_message=");
        term.type("\u0015/subm\t");
        awaitRow("htmx2> /submit");
        term.type("#chat_f\t");
        awaitRow("htmx2> /submit #chat_form");
        term.type("chat_\t");
        awaitRow("htmx2> /submit #chat_form chat_message=");
        term.type("completed\r");
        assertThat(frame()).startsWith("{\"chat_message\":\"completed\",\"room_name\":\"lobby\"");
        // ids the page gains from a swap are offered too: completion asks the page when Tab is pressed
        ws.latest().send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p id=\"msg_42\">new</p></div>");
        term.awaitScreen(showing("#chat_room beforeend  new"), 10);
        term.type("/text #msg\t");
        awaitRow("htmx2> /text #msg_42");
        term.type("\r");
        term.awaitScreen(s -> s.contains("new") && s.indexOf("new") > s.indexOf("htmx2> /text #msg_42"), 10);
        term.type("/quit\r");
        assertThat(term.exitCode(10)).isZero();
    }

    @Test
    void historyIsWrittenRedactedAndDeduplicatedAndCtrlRFindsItNextTime() throws Exception {
        Path history = dir.resolve("state").resolve("htmxws").resolve("history");
        shell(history, Map.of());
        awaitRow("htmx2> ");
        for (String line : List.of("chat_message=hi", "/raw {\"password\":\"p4ss\",\"chat_message\":\"x\"}",
            "/raw Authorization: Bearer abc123", "chat_message=hi", " /raw leading space keeps this out")) {
            term.type(line + "\r");
            assertThat(frame()).isNotEmpty();
        }
        term.type("/quit\r");
        assertThat(term.exitCode(10)).isZero();
        term.close();

        List<String> lines = Files.readAllLines(history, StandardCharsets.UTF_8).stream()
            .map(l -> l.substring(l.indexOf(':') + 1)).toList(); // JLine's format: millis:line
        assertThat(lines).containsExactly(
            "/raw {\"password\":\"***\",\"chat_message\":\"x\"}",
            "/raw Authorization: Bearer ***",
            "chat_message=hi",
            "/quit");
        assertThat(Files.readString(history)).doesNotContain("p4ss").doesNotContain("abc123").doesNotContain("leading");

        // a new session reads it: Ctrl-R searches it
        shell(history, Map.of());
        awaitRow("htmx2> ");
        term.type("\u0012Bearer");
        List<String> s = term.awaitScreen(showing("/raw Authorization: Bearer ***"), 10);
        assertThat(String.join("\n", s)).contains("/raw Authorization: Bearer ***");
        term.type("\u0007\u0015"); // Ctrl-G leaves the search, Ctrl-U clears the line
        awaitRow("htmx2> ");
        term.type("\u0003"); // Ctrl-C on the empty line ends (a signal: it overtakes keys not yet read)
        assertThat(term.exitCode(10)).isEqualTo(ExitCode.INTERRUPTED);
    }

    @Test
    void jsonAndRawGoOnOverLinesEndingWithABackslash() throws Exception {
        shell(dir.resolve("history"), Map.of());
        awaitRow("htmx2> ");
        term.type("/json {\"chat_message\": \"two lines\", \\\r");
        awaitRow("...> ");
        term.type("  \"HEADERS\": {}}\r");
        assertThat(frame()).isEqualTo("{\"chat_message\": \"two lines\", \n  \"HEADERS\": {}}");
        term.type("/raw first\\\rsecond\\\rthird\r");
        assertThat(frame()).isEqualTo("first\nsecond\nthird");
        term.type("/raw it's one line\r"); // an open quote holds nothing back
        assertThat(frame()).isEqualTo("it's one line");
        term.type("/json {\"unbalanced\": \"quote is no continuation\r"); // one line: the engine says it is not JSON
        List<String> s = term.awaitScreen(showing("not JSON"), 10);
        assertThat(s).as(String.join("\n", s)).anyMatch(l -> l.contains("not JSON"));
        term.type("/quit\r");
        assertThat(term.exitCode(10)).isZero();
        assertThat(ws.frames).isEmpty();
    }

    @Test
    void ctrlCDropsTheLineBeingTypedAndEndsTheShellOnAnEmptyLine() throws Exception {
        shell(null, Map.of());
        awaitRow("htmx2> ");
        term.type("chat_message=never sent");
        awaitRow("htmx2> chat_message=never sent");
        term.type("\u0003");
        List<String> s = awaitRow("htmx2> ");
        assertThat(s).contains("htmx2> chat_message=never sent^C"); // left on the screen above, not run
        term.type("\u0003");
        assertThat(term.exitCode(10)).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(ws.frames).isEmpty();
        await().atMost(Duration.ofSeconds(5))
            .untilAsserted(() -> assertThat(ws.closes).containsExactly("1:1000:client"));
    }

    @Test
    void theCommandWordIsColouredUnlessNoColorIsSet() throws Exception {
        shell(null, Map.of());
        awaitRow("htmx2> ");
        term.type("/forms");
        awaitRow("htmx2> /forms");
        assertThat(COLOUR.matcher(term.raw()).find()).as(term.raw()).isTrue();
        term.type("\u0015\u0004");
        assertThat(term.exitCode(10)).isZero();
        term.close();

        shell(null, Map.of("NO_COLOR", "1"));
        awaitRow("htmx2> ");
        term.type("/forms \r");
        term.awaitScreen(showing("chat_message="), 10);
        term.type("\u0004");
        assertThat(term.exitCode(10)).isZero();
        assertThat(COLOUR.matcher(term.raw()).find()).as(term.raw()).isFalse();
    }

    private static int indexOfRowContaining(List<String> screen, String text) {
        for (int i = 0; i < screen.size(); i++) {
            if (screen.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
