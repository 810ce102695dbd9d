package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The swap of SSE event text in each dialect (docs/spec/sse-and-requests.md §2.2–§2.5, "swap call"). */
class SwapTest {
    private static final String PAGE = "<div id='feed'>old</div><span id='count'>0</span>";

    private static Swap.Result swap(TestPage p, String text, String spec, String select, boolean swapEmpty) {
        return Swap.apply(p.dialect, p.dom, p.el("#feed"), text, spec, select, null, swapEmpty);
    }

    @ParameterizedTest(name = "{0} swapEmpty={1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX4 | false | ''                                                  | old | 0
        HTMX4 | true  | ''                                                  | ''  | 0
        HTMX4 | false | <span id='count' hx-swap-oob='true'>5</span>        | old | 5
        HTMX2 | true  | <span id='count' hx-swap-oob='true'>5</span>        | ''  | 5
        HTMX1 | true  | <span id='count' hx-swap-oob='true'>5</span>        | ''  | 5
        HTMX4 | false | <p>x</p>                                            | <p>x</p> | 0
        """)
    void anEmptyOrOutOfBandOnlyEvent(Dialect d, boolean swapEmpty, String text, String feed, String count) {
        TestPage p = TestPage.of(d, PAGE);
        swap(p, text.replace("''", ""), null, null, swapEmpty);
        assertThat(p.el("#feed").html()).isEqualTo(feed.replace("''", ""));
        assertThat(p.dom.byId("count").get(0).text()).isEqualTo(count);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        HTMX1 | -
        HTMX2 | Live
        HTMX4 | Live
        """)
    void htmx1SseSwapsNeverSetTheTitle(Dialect d, String title) {
        TestPage p = TestPage.of(d, PAGE);
        Swap.Result r = swap(p, "<title>Live</title><p>x</p>", null, null, true);
        assertThat(r.title()).isEqualTo(title);
        assertThat(p.dom.document().title()).isEqualTo(title == null ? "t" : title);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | <p class="a">A</p>
        HTMX4 | <p class="a">A</p>
        HTMX2 | <p class="a">A</p>
        """)
    void aGivenSelectIsApplied(Dialect d, String feed) {
        TestPage p = TestPage.of(d, PAGE);
        swap(p, "<p class='a'>A</p><p>B</p>", null, ".a", true);
        assertThat(p.el("#feed").html()).isEqualTo(feed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | innerHTML                     | 20
        HTMX1 | innerHTML settle:50ms swap:10ms | 50
        HTMX2 | innerHTML settle:50ms swap:10ms | 60
        HTMX2 | beforeend                     | 20
        HTMX4 | innerHTML settle:50ms         | 0
        """)
    void whenTheInsertedContentIsProcessed(Dialect d, String spec, long settle) {
        TestPage p = TestPage.of(d, PAGE);
        Swap.Result r = swap(p, "<i id='n' hx-get='/n' hx-trigger='load'>n</i>", spec, null, true);
        assertThat(r.settleMillis()).isEqualTo(settle);
        assertThat(r.inserted()).extracting(e -> e.id()).containsExactly("n");
        assertThat(r.applied()).extracting(s -> s.target()).containsExactly("#feed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | outerHTML | <b>in</b><span id="count">0</span>
        HTMX2 | outerHTML | <b>in</b><span id="count">0</span>
        HTMX4 | outerHTML | <b>in</b><span id="count">0</span>
        HTMX1 | afterbegin | <div id="feed"><b>in</b>old</div><span id="count">0</span>
        HTMX4 | prepend    | <div id="feed"><b>in</b>old</div><span id="count">0</span>
        """)
    void theSwapStyleIsHonoured(Dialect d, String style, String expected) {
        TestPage p = TestPage.of(d, PAGE);
        swap(p, "<b>in</b>", style, null, true);
        assertThat(p.body()).isEqualTo(expected);
    }

    @Test
    void htmx4ResolvesOutOfBandSelectorsFromTheSourceElement() {
        TestPage p = TestPage.of(Dialect.HTMX4,
            "<section id='conn'><div id='feed'>old</div><b class='n'>0</b></section>"
                + "<b class='n'>far</b>");
        Swap.apply(Dialect.HTMX4, p.dom, p.el("#conn"), p.el("#feed"),
            "<p>x</p><i hx-swap-oob='innerHTML:find .n'>1</i>",
            null, null, null, false);
        assertThat(p.body()).isEqualTo("<section id=\"conn\"><div id=\"feed\"><p>x</p></div><b class=\"n\">1</b>"
            + "</section><b class=\"n\">far</b>");
    }
}
