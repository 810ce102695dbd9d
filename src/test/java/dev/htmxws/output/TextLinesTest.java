package dev.htmxws.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.incoming.PlannedSwap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text lines fit the terminal they are shown on, and an event stream's lines name their event. */
class TextLinesTest {

    private static final String LONG = "word ".repeat(60);

    @Test
    void onATerminalEachLineFitsItsWidth() {
        TextLines eighty = new TextLines(() -> 80);
        List<String> lines = eighty.message("<p>", List.of(new PlannedSwap("#chat_room", "beforeend", "<p>" + LONG
            + "</p>")));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).hasSize(80).startsWith("#chat_room beforeend  word word").endsWith("…");
        assertThat(eighty.message("short", List.of())).containsExactly("(no swap)  short");
    }

    @Test
    void aNarrowTerminalStillGetsSomeOfTheTextAndAnUnknownWidthAHundredCharacters() {
        String narrow = new TextLines(() -> 10).line("#a-rather-long-target innerHTML  ", LONG);
        assertThat(narrow).endsWith("…").hasSize("#a-rather-long-target innerHTML  ".length() + TextLines.MIN_SUMMARY);
        String piped = TextLines.fixed().line("#t innerHTML  ", LONG);
        assertThat(piped).hasSize("#t innerHTML  ".length() + TextLines.SUMMARY);
    }

    @Test
    void aCutNeverSplitsACharacterAndNoControlCharacterPasses() {
        String emoji = "\uD83C\uDF89".repeat(60);
        String cut = new TextLines(() -> 30).line("", emoji);
        assertThat(cut.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE)).isEmpty();
        assertThat(TextLines.fixed().line("", "a\u001b[2Jb\nc")).isEqualTo("a\uFFFD[2Jb c");
    }

    @Test
    void everyLineOfAnEventNamesIt() {
        TextLines t = TextLines.fixed();
        assertThat(t.event("chat", "7", "<p>Bob: hi</p>", List.of())).containsExactly("event: chat (id 7)  Bob: hi");
        assertThat(t.event("chat", "", "<li>a</li><li>b</li>",
            List.of(new PlannedSwap("#log", "beforeend", "<li>a</li>"),
                new PlannedSwap("body > ul:nth-of-type(2)", "beforeend", "<li>b</li>"))))
            .containsExactly(
                "event: chat  #log beforeend  a", "event: chat  body > ul:nth-of-type(2) beforeend  b");
    }
}
