package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every recorded Chromium run that issued htmx requests, replayed (see {@link RecordedCase}): each request
 * htmxws builds matches the recorded one header by header and byte by byte (method, path, query, every hx-*
 * header, body), and, where the recording's other steps can be replayed here too, the page ends as in Chromium.
 */
class RecordedRequestsTest {
    /** Pages also changed by what this package does not drive: sse-swap listeners registered twice (htmx 1 ext). */
    private static final Set<String> DOM_NOT_REPLAYED = Set.of("h1x-sse-swap-and-trigger", "h2-sse-swapped-listeners");

    @TestFactory
    Stream<DynamicTest> eachRecordedRequestIsBuiltAsChromiumSentIt() throws IOException {
        return RecordedCase.withRequests().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            RecordedCase c = new RecordedCase(name);
            for (RecordedCase.Exchange x : c.play()) {
                assertThat(x.built().request()).as("%s: %s", name, x.built().warnings()).isNotNull();
                assertThat(RecordedCase.asRecorded(x.built().request())).as("%s step %s", name,
                    x.recorded().get("step")).isEqualTo(RecordedCase.asRecorded(x.recorded()));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachReplayedPageEndsAsInChromium() throws IOException {
        return RecordedCase.withRequests().stream().filter(n -> !DOM_NOT_REPLAYED.contains(n))
            .map(name -> DynamicTest.dynamicTest(name, () -> {
                RecordedCase c = new RecordedCase(name);
                c.play();
                assertThat(c.dom.canonicalBody()).isEqualTo(c.result.get("dom").asText());
            }));
    }

    @Test
    void theReplayCoversEveryRequestCaseTheBriefNames() throws IOException {
        List<String> names = RecordedCase.withRequests();
        assertThat(names).contains("h1-sse-trigger-get", "h1-sse-trigger-response-headers", "h1-sse-trigger-verbs",
            "h1-ws-load-trigger", "h1x-sse-trigger-404-204", "h1x-sse-trigger-form-select", "h1x-sse-trigger-verbs",
            "h2-sse-load-trigger", "h2-sse-trigger-404-204", "h2-sse-trigger-get", "h2-sse-trigger-response-headers",
            "h2-sse-trigger-verbs", "h2-ws-load-trigger", "h4-sse-swapped-trigger", "h4-sse-named-post");
    }
}
