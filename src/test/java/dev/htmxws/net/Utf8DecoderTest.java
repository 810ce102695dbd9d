package dev.htmxws.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8DecoderTest {

    private static final String TEXT = "a é € \uD83C\uDF89 z"; // 1-, 2-, 3- and 4-byte characters

    @Test
    void everySplitOfTheBytesDecodesToTheSameText() {
        byte[] bytes = TEXT.getBytes(UTF_8);
        for (int i = 0; i <= bytes.length; i++) {
            for (int j = i; j <= bytes.length; j++) {
                Utf8Decoder d = new Utf8Decoder();
                String text = d.decode(bytes, 0, i) + d.decode(bytes, i, j - i) + d.decode(bytes, j, bytes.length - j);
                assertThat(text).as("split at %d and %d", i, j).isEqualTo(TEXT);
                assertThat(d.pendingBytes()).isZero();
            }
        }
    }

    @Test
    void anIncompleteCharacterWaitsForTheNextRead() {
        Utf8Decoder d = new Utf8Decoder();
        assertThat(d.decode(new byte[] {'c', (byte) 0xF0, (byte) 0x9F}, 0, 3)).isEqualTo("c");
        assertThat(d.pendingBytes()).isEqualTo(2);
        assertThat(d.decode(new byte[] {(byte) 0x8E, (byte) 0x89}, 0, 2)).isEqualTo("\uD83C\uDF89");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        Utf8Decoder d = new Utf8Decoder();
        assertThat(d.decode(new byte[] {'a', (byte) 0xFF, 'b', (byte) 0xC3, 'c'}, 0, 5)).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void readsLargerThanTheBufferAreDecodedWhole() {
        String big = "é".repeat(20_000);
        byte[] bytes = big.getBytes(UTF_8);
        Utf8Decoder d = new Utf8Decoder();
        assertThat(d.decode(bytes, 0, 3) + d.decode(bytes, 3, bytes.length - 3)).isEqualTo(big);
    }
}
