package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.htmxws.cli.LiveApp.Dialect;
import dev.htmxws.net.TestWsServer;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --format ndjson} output, run against real servers on loopback, validates line by line
 * against docs/ndjson.schema.json, the schema the README points to; together the runs bring every record kind the
 * schema defines, so a kind added to one side only fails here.
 */
class NdjsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;
    private static JsonNode schemaJson;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSchema() throws Exception {
        Path file = Path.of("docs/ndjson.schema.json");
        schemaJson = JSON.readTree(file.toFile());
        try (InputStream in = Files.newInputStream(file)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void everyRecordOfEveryCommandValidatesAndEveryKindComesUp() throws Exception {
        List<Run> runs = new ArrayList<>();
        try (LiveApp app = new LiveApp(Dialect.HTMX2)) {
            // send on a page: open, the frame sent, the greeting and the echo swapped into #log
            runs.add(run(0, "send", "--form", "msg=hi", "--expect", "1", "--timeout", "30s", "--format", "ndjson",
                app.url("/ws.html")));
            // listen on a page: the selection after a message
            runs.add(run(0, "listen", "--count", "1", "--select", "#log", "--timeout", "30s", "--format", "ndjson",
                app.url("/ws.html")));
            // a script on an event-stream page: the first stream is cut (close, reconnect), events swap, a tick
            // event fires GET /tick (request, response); an expectation, a command's output, a page warning and a
            // line that is not a command (exit 2)
            Path script = dir.resolve("sse.htmxws");
            Files.writeString(script, String.join("\n", "expect text #ticker contains \"tick\" within 30s",
                "/fill nosuch=1", "/text #notes", "/nosuch", ""), StandardCharsets.UTF_8);
            runs.add(run(2, "connect", "--format", "ndjson", "--page", app.url("/sse.html"), "--script",
                script.toString()));
        }
        try (TestWsServer ws = TestWsServer.launch()) {
            // a bare socket: a swap, a fragment with no target (a warning in the record), a binary frame, then a
            // close with 1012 (Service Restart) that htmx reconnects after
            AtomicInteger connections = new AtomicInteger();
            ws.onConnect = c -> {
                c.send("<div id=\"chat_room\" hx-swap-oob=\"beforeend\"><p>hi</p></div>");
                if (connections.incrementAndGet() == 1) {
                    c.send("<div>no id</div>");
                    c.send(new byte[] {1, 2, 3});
                    c.close(1012, "restart");
                }
            };
            runs.add(run(0, "listen", "--count", "4", "--timeout", "30s", "--format", "ndjson", ws.url("/")));
        }
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort(); // free now, and closed below: nothing listens there
        }
        runs.add(run(3, "send", "--raw", "x", "--format", "ndjson", "ws://127.0.0.1:" + refused + "/"));

        Set<String> seen = new TreeSet<>();
        Set<String> closes = new TreeSet<>();
        for (Run r : runs) {
            assertThat(r.result.code()).as(r.toString()).isEqualTo(r.code);
            assertThat(r.result.out()).as(r.toString()).isNotBlank();
            for (String line : r.result.out().lines().toList()) {
                JsonNode record = JSON.readTree(line);
                assertThat(messages(record)).as("%s\nthe line %s", r, line).isEmpty();
                seen.add(record.get("event").asText());
                if (record.get("event").asText().equals("close")) {
                    closes.add(record.has("conn") ? "conn" : "stream");
                }
            }
        }
        Set<String> kinds = new TreeSet<>();
        schemaJson.at("/properties/event/enum").forEach(k -> kinds.add(k.asText()));
        assertThat(seen).as("record kinds the runs brought: %s", runs).isEqualTo(kinds);
        assertThat(closes).as("closes of a socket and of a stream").containsExactly("conn", "stream");
    }

    /** The schema is strict: a key it does not name, a value of the wrong type or an unknown kind fails. */
    @Test
    void theSchemaRefusesUnknownKeysWrongTypesAndUnknownKinds() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(dev.htmxws.output.NdjsonRecords.received(1, "<p id=\"a\">x</p>",
            List.of(new dev.htmxws.protocol.incoming.PlannedSwap("#a", "outerHTML", "<p id=\"a\">x</p>")),
            List.of(new dev.htmxws.protocol.Warning("w", "m"))));
        assertThat(messages(good)).isEmpty();

        ObjectNode extraKey = good.deepCopy().put("target", "div#a");
        ObjectNode wrongType = good.deepCopy().put("conn", "1");
        ObjectNode unknownKind = good.deepCopy().put("event", "message");
        ObjectNode swapExtraKey = good.deepCopy();
        ((ObjectNode) swapExtraKey.get("swaps").get(0)).put("element", "p");
        ObjectNode warningAsString = good.deepCopy();
        warningAsString.putArray("warnings").add("m");
        ObjectNode noTime = good.deepCopy();
        noTime.remove("time");
        for (ObjectNode bad : List.of(extraKey, wrongType, unknownKind, swapExtraKey, warningAsString, noTime)) {
            assertThat(messages(bad)).as("%s", bad).isNotEmpty();
        }
    }

    private static List<String> messages(JsonNode record) {
        return schema.validate(record).stream().map(Error::toString).toList();
    }

    private record Run(int code, List<String> args, CliResult result) {
        @Override
        public String toString() {
            return "htmxws " + String.join(" ", args) + "\n" + result;
        }
    }

    /** Runs htmxws with {@code args}, which should end with {@code code}. */
    private static Run run(int code, String... args) {
        return new Run(code, List.of(args), CliResult.run(args));
    }
}
