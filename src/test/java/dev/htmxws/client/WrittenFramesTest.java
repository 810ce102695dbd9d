package dev.htmxws.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One confirming ping in flight per socket; its pong confirms exactly the frames written before it. */
class WrittenFramesTest {

    @Test
    void theNextPingWaitsForThePongAndThenCoversEverythingWrittenMeanwhile() {
        WrittenFrames w = new WrittenFrames();
        for (int i = 1; i <= WrittenFrames.BATCH; i++) {
            w.written("f" + i);
        }
        assertThat(w.wantsPing(WrittenFrames.BATCH)).isTrue();
        w.pinged(7);
        for (int i = WrittenFrames.BATCH + 1; i <= 10 * WrittenFrames.BATCH; i++) {
            w.written("f" + i);
            assertThat(w.wantsPing(1)).as("a ping is in flight: no second one").isFalse();
        }
        w.ponged(8); // not the ping in flight: confirms nothing
        assertThat(w.unconfirmed()).hasSize(10 * WrittenFrames.BATCH);
        w.ponged(7);
        assertThat(w.unconfirmed()).hasSize(9 * WrittenFrames.BATCH).first().isEqualTo("f33");
        assertThat(w.wantsPing(1)).as("the pong frees the next ping, behind all 288 frames").isTrue();
        w.pinged(9);
        w.ponged(9);
        assertThat(w.unconfirmed()).isEmpty();
        assertThat(w.wantsPing(1)).as("nothing written since").isFalse();
    }
}
