package dev.htmxws.protocol.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the recorded browser cases that consist only of server pushes and compares the final canonical
 * DOM with what real htmx produced in Chromium (src/test/resources/conformance/results).
 */
class RecordedCasesTest {
    private static final Path CASES = Path.of("src/test/resources/conformance/cases");
    private static final Path RESULTS = Path.of("src/test/resources/conformance/results");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Step keys a page-less replay can play: pushes, and waits that do not change the DOM. */
    private static final Set<String> SERVER_ONLY_KEYS = Set.of("server", "conn", "await_connections", "timeout_ms",
        "wait_ms", "settle_ms");

    /** Server pushes only, in htmx 2 or 4, with no requests the page makes (those need the whole page model). */
    static boolean replayable(JsonNode c) {
        String dialect = c.path("dialect").asText();
        if (!dialect.equals("htmx2") && !dialect.equals("htmx4") || c.has("routes") || c.has("extensions")) {
            return false;
        }
        for (JsonNode step : c.path("steps")) {
            var names = step.fieldNames();
            while (names.hasNext()) {
                if (!SERVER_ONLY_KEYS.contains(names.next())) {
                    return false;
                }
            }
        }
        return true;
    }

    static List<Path> allCases() throws IOException {
        try (Stream<Path> s = Files.list(CASES)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> recordedServerPushCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : allCases()) {
            JsonNode c = JSON.readTree(p.toFile());
            if (!replayable(c)) {
                continue;
            }
            String name = p.getFileName().toString().replace(".json", "");
            tests.add(DynamicTest.dynamicTest(name, () -> replay(name, c)));
        }
        return tests.stream();
    }

    /** Guards the selection itself: a change in the case set shows up here, not as silently skipped cases. */
    @Test
    void replaysTheExpectedNumberOfCases() throws IOException {
        long n = 0;
        for (Path p : allCases()) {
            if (replayable(JSON.readTree(p.toFile()))) {
                n++;
            }
        }
        assertThat(n).isEqualTo(35);
    }

    private static void replay(String name, JsonNode c) throws IOException {
        Dialect dialect = c.path("dialect").asText().equals("htmx4") ? Dialect.HTMX4 : Dialect.HTMX2;
        String page = c.path("page").asText();
        if (!page.trim().startsWith("<body")) {
            page = "<body>" + page + "</body>";
        }
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + name + "</title>"
            + c.path("head").asText("") + "</head>" + page + "</html>";
        VirtualDom dom = VirtualDom.parse(html, "http://127.0.0.1:{port}/page.html");
        IncomingMessages incoming = new IncomingMessages(dialect);
        List<Element> connections = new ArrayList<>(ConnectElements.find(dialect, List.of(dom.body())));
        List<Boolean> open = new ArrayList<>();
        connections.forEach(e -> open.add(true));

        for (JsonNode step : c.path("steps")) {
            if (!step.has("server")) {
                continue;
            }
            int conn = step.has("conn") ? step.get("conn").asInt() - 1 : open.lastIndexOf(true);
            List<String> texts = new ArrayList<>();
            if (step.get("server").isArray()) {
                step.get("server").forEach(t -> texts.add(t.asText()));
            } else {
                texts.add(step.get("server").asText());
            }
            for (String text : texts) {
                ApplyResult r = incoming.apply(incoming.plan(text), dom, connections.get(conn));
                if (r.connectRemoved()) {
                    open.set(conn, false);
                    for (Element fresh : ConnectElements.find(dialect, r.inserted())) {
                        connections.add(fresh);
                        open.add(true);
                    }
                }
            }
        }
        String expected = JSON.readTree(RESULTS.resolve(name + ".json").toFile()).path("dom").asText();
        assertThat(dom.canonicalBody()).as(name).isEqualTo(expected);
    }
}
