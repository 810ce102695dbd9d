package dev.htmxws.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.fuzz.FuzzRun;
import dev.htmxws.fuzz.HtmlFuzzer;
import dev.htmxws.testing.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event stream parser against generated, mutated and random streams: it never throws, its events do not
 * depend on how the stream is cut into chunks, and they are the events the HTML standard's steps give
 * ({@link SseStreams#reference}). Also one 16 MiB event and 100,000 events without a blank line between them.
 */
@FuzzTest
class SseParserFuzzTest {

    @Test
    void generatedMutatedAndRandomStreamsParseAsTheStandardSaysInAnyChunking() {
        FuzzRun run = FuzzRun.start("sse-parser", 12_000);
        for (long n = 0; n < run.iterations(); n++) {
            Random r = run.random(n);
            SseStreams streams = new SseStreams(r);
            String kind;
            String stream;
            switch (r.nextInt(4)) {
                case 0 -> {
                    kind = "mutated";
                    stream = new HtmlFuzzer(r).mutate(streams.stream());
                }
                case 1 -> {
                    kind = "random-text";
                    stream = new HtmlFuzzer(r).randomText();
                }
                default -> {
                    kind = "generated";
                    stream = streams.stream();
                }
            }
            run.count(kind, stream.length());
            String where = run.where(n, kind);
            List<SseEvent> whole;
            List<SseEvent> chunked = new ArrayList<>();
            SseParser cut = new SseParser();
            try {
                whole = new SseParser().feed(stream);
                int at = 0;
                while (at < stream.length()) {
                    int len = 1 + r.nextInt(r.nextBoolean() ? 3 : 64);
                    chunked.addAll(cut.feed(stream.substring(at, Math.min(stream.length(), at + len))));
                    at += len;
                }
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(where + ": the parser threw " + e + " on " + escape(stream), e);
            }
            assertThat(chunked).as(where + ": chunked like the whole, stream " + escape(stream)).isEqualTo(whole);
            assertThat(whole).as(where + ": as the standard says, stream " + escape(stream))
                .isEqualTo(SseStreams.reference(stream));
            assertThat(cut.retryMillis()).isGreaterThanOrEqualTo(-1);
            assertThat(cut.lastEventId()).doesNotContain("\u0000");
            run.outcome(whole.isEmpty() ? "no-event" : "events");
        }
        run.report();
    }

    @Test
    void aSixteenMebibyteEventAndAHundredThousandDataLines() {
        String big = "x".repeat(16 << 20);
        long t0 = System.nanoTime();
        List<SseEvent> one = new ArrayList<>();
        SseParser p = new SseParser();
        for (int at = 0; at < big.length(); at += 8192) {
            one.addAll(p.feed((at == 0 ? "data: " : "") + big.substring(at, Math.min(big.length(), at + 8192))));
        }
        one.addAll(p.feed("\n\n"));
        long bigMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(one).singleElement().satisfies(e -> assertThat(e.data()).hasSize(16 << 20));

        long t1 = System.nanoTime();
        List<SseEvent> lines = new SseParser().feed("data: a\n".repeat(100_000) + "\n");
        long linesMs = (System.nanoTime() - t1) / 1_000_000;
        assertThat(lines).singleElement().satisfies(e -> assertThat(e.data()).hasSize(2 * 100_000 - 1));
        System.out.printf(Locale.ROOT,
            "sse-parser: a 16 MiB event in %d ms (8 KiB chunks); 100,000 data lines of one event in %d ms%n",
            bigMs, linesMs);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s.length() > 400 ? s.substring(0, 400) : s).toCharArray()) {
            b.append(c < 0x20 || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
