package dev.htmxws.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The pages and server messages of the recorded browser cases (src/test/resources/conformance/cases), as fuzz seeds. */
public final class ConformanceSeeds {

    private static final Path CASES = Path.of("src/test/resources/conformance/cases");

    /** Every page body of the recordings. */
    public final List<String> pages = new ArrayList<>();
    /** Every message a recorded server sent. */
    public final List<String> messages = new ArrayList<>();

    private ConformanceSeeds() {
    }

    public static ConformanceSeeds load() {
        ConformanceSeeds s = new ConformanceSeeds();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(CASES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = json.readTree(p.toFile());
                s.pages.add(c.path("page").asText());
                for (JsonNode step : c.path("steps")) {
                    JsonNode server = step.get("server");
                    if (server == null) {
                        continue;
                    }
                    if (server.isArray()) {
                        server.forEach(t -> s.messages.add(t.asText()));
                    } else {
                        s.messages.add(server.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (s.messages.size() < 50) {
            throw new IllegalStateException(
                "expected the recorded server messages as seeds, found " + s.messages.size());
        }
        return s;
    }
}
