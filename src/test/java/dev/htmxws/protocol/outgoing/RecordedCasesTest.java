package dev.htmxws.protocol.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every recorded browser case (src/test/resources/conformance) whose steps are only client steps
 * on the page as loaded, and compares each frame byte for byte with what Chromium + htmx sent.
 */
class RecordedCasesTest {
    private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> replayableCases() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CONFORMANCE.resolve("cases"))) {
            for (Path p : files.sorted().toList()) {
                if (CaseReplay.replayable(JSON.readTree(p.toFile()))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> recordedFramesAreReproducedByteForByte() throws IOException {
        return replayableCases().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString().replace(".json", "");
            JsonNode c = JSON.readTree(p.toFile());
            JsonNode result = JSON.readTree(CONFORMANCE.resolve("results").resolve(name + ".json").toFile());
            CaseReplay replay = new CaseReplay(c, name);
            List<String> ours = new ArrayList<>();
            List<String> recorded = new ArrayList<>();
            JsonNode steps = c.get("steps");
            for (int i = 0; i < steps.size(); i++) {
                for (Outgoing o : replay.play(steps.get(i))) {
                    if (o.sent()) {
                        ours.add(i + " " + o.frame());
                    }
                }
            }
            for (JsonNode s : result.get("sent")) {
                recorded.add(s.get("step").asInt() + " " + s.get("raw").asText());
            }
            assertThat(ours).containsExactlyElementsOf(recorded);
        }));
    }

    @Test
    void theReplayCoversTheClientOnlyCasesOfBothDialects() throws IOException {
        List<String> names = replayableCases().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(30)
            .contains("h2-field-name-collisions.json", "h4-field-types.json", "h2-hx-params-not-list.json");
    }
}
