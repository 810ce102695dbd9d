package dev.htmxws.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseEvent> parse(String stream) {
        return new SseParser().feed(stream);
    }

    @Test
    void fieldsAndDispatch() {
        List<SseEvent> events = parse(
            ": heartbeat\nevent: chat\ndata: <p>hi</p>\nid: 7\n\ndata:second\ndata: line\n\n");
        assertThat(events).containsExactly(new SseEvent("chat", "<p>hi</p>", "7"),
            new SseEvent("message", "second\nline", "7"));
    }

    @Test
    void eventsWithoutDataAreNotDispatchedButKeepTheirId() {
        SseParser p = new SseParser();
        assertThat(p.feed("event: ping\nid: 3\n\n")).isEmpty();
        assertThat(p.lastEventId()).isEqualTo("3");
        assertThat(p.feed("data\n\n")).containsExactly(new SseEvent("message", "", "3"));
    }

    @Test
    void retryOnlyWithDigitsAndIdWithoutNul() {
        SseParser p = new SseParser();
        p.feed("retry: 2500\nretry: 12x\nid: a\u0000b\ndata: x\n\n");
        assertThat(p.retryMillis()).isEqualTo(2500);
        assertThat(p.lastEventId()).isEmpty();
    }

    @Test
    void lineEndingsAndBom() {
        assertThat(parse("\uFEFFdata: a\r\n\r\ndata: b\r\rdata: c\n\n"))
            .extracting(SseEvent::data).containsExactly("a", "b", "c");
        assertThat(parse("data:  two spaces\n\n").get(0).data()).isEqualTo(" two spaces");
    }

    @Test
    void chunkingDoesNotChangeTheResult() {
        String stream = "event: a\r\ndata: 1\r\n\r\n: c\rdata: é\ndata: 2\r\rid: 9\nevent: b\ndata: x\n\n";
        List<SseEvent> whole = parse(stream);
        assertThat(whole).hasSize(3);
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            SseParser p = new SseParser();
            List<SseEvent> pieces = new ArrayList<>();
            int at = 0;
            while (at < stream.length()) {
                int n = 1 + r.nextInt(5);
                pieces.addAll(p.feed(stream.substring(at, Math.min(stream.length(), at + n))));
                at += n;
            }
            assertThat(pieces).isEqualTo(whole);
        }
    }

    @Test
    void theCommittedIdIsTheOneAsOfTheLastBlankLine() {
        SseParser p = new SseParser();
        p.feed("id: 1\ndata: a\n\nid: 2\ndata: cut");
        assertThat(p.lastEventId()).isEqualTo("2");
        assertThat(p.committedLastEventId()).isEqualTo("1"); // what a reconnect sends: event 2 never completed
        p.feed("\n\nid\n\n"); // an empty id clears it, also without data
        assertThat(p.committedLastEventId()).isEmpty();
    }

    @Test
    void aParserForANewConnectionStartsWithTheKnownId() {
        SseParser p = new SseParser("41");
        assertThat(p.committedLastEventId()).isEqualTo("41");
        assertThat(p.feed("data: x\n\n")).containsExactly(new SseEvent("message", "x", "41"));
        assertThat(new SseParser(null).lastEventId()).isEmpty();
    }
}
