package dev.htmxws.protocol.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §6 H4 incoming cases (CC-40 … CC-42) and the §2.4 details they rest on. */
class H4IncomingCasesTest {
    private static final String C = "<div id=\"c\" hx-ws:connect=\"ws://x/y\">";

    @Test
    void cc40_rawHtmlReplacesTheConnectElementsContent() {
        Page p = Page.h4(C + "<div id=\"d1\">div1</div><div id=\"d2\">div2</div></div>");
        assertThat(p.recv("<div id=\"d1\">replaced</div>")).isEqualTo(C + "<div id=\"d1\">replaced</div></div>");
        assertThat(p.warningCodes()).contains("main-swap-not-by-id");
    }

    @Test
    void cc40_oobOnlyMessageSkipsTheMainSwap() {
        Page p = Page.h4(C + "<div id=\"d1\">div1</div><div id=\"d2\">div2</div></div>");
        assertThat(p.recv(
            "<div id=\"d1\" hx-swap-oob=\"true\">replaced</div>\n<div id=\"d2\" hx-swap-oob=\"beforeend\"> more</div>"))
            .isEqualTo(C + "<div id=\"d1\">replaced</div><div id=\"d2\">div2 more</div></div>");
    }

    @Test
    void cc41_jsonEnvelope() {
        Page p = Page.h4(C + "<ul id=\"l\"><li>1</li></ul><div id=\"s\">s</div></div>");
        p.recv("{\"content\":\"<li>2</li>\",\"target\":\"#l\",\"swap\":\"beforeend\"}");
        assertThat(p.recv("{\"payload\":\"<i>P</i>\",\"target\":\"#s\"}"))
            .isEqualTo(C + "<ul id=\"l\"><li>1</li><li>2</li></ul><div id=\"s\"><i>P</i></div></div>");
        assertThat(p.warningCodes()).contains("json-payload-deprecated");
    }

    @Test
    void cc41_anEnvelopeFollowedByTextIsNotJsonToJsonParseSoItIsSwappedAsHtml() {
        Page p = Page.h4(C + "<p>keep</p></div>");
        String after = p.recv("{\"content\":\"<p>x</p>\"} trailing");
        assertThat(after).as("JSON.parse throws on trailing text: the raw message is the content")
            .startsWith(C + "{\"content\":\"<p>x</p>\"} trailing").doesNotContain("keep");
        assertThat(p.warningCodes()).doesNotContain("json-data-only");
        assertThat(Page.h4(C + "<p>keep</p></div>").recv("{\"content\":\"<p>x</p>\"}\n"))
            .as("whitespace after the value is still JSON").isEqualTo(C + "<p>x</p></div>");
    }

    @Test
    void cc41_dataOnlyAndEmptyMessagesChangeNothing() {
        Page p = Page.h4(C + "<p>keep</p></div>");
        String before = p.dom.canonicalBody();
        for (String m : new String[] {"{\"type\":\"ping\"}", "42", "null", "\"<b>str</b>\"", "[1,2]", "", "   "}) {
            assertThat(p.recv(m)).as(m).isEqualTo(before);
        }
        assertThat(new IncomingMessages(Dialect.HTMX4).plan("{\"type\":\"ping\"}").warnings())
            .extracting(dev.htmxws.protocol.Warning::code).containsExactly("json-data-only");
    }

    @Test
    void cc41_partials() {
        Page p = Page.h4("<div id=\"h\">h</div><ul id=\"l\"><li>1</li></ul>" + C + "<p>keep</p></div>");
        assertThat(p.recv(
            "<hx-partial id=\"h\"><b>H</b></hx-partial><hx-partial hx-target=\"#l\" hx-swap=\"beforeend\"><li>2</li></hx-partial>"))
            .isEqualTo("<div id=\"h\"><b>H</b></div><ul id=\"l\"><li>1</li><li>2</li></ul>" + C + "<p>keep</p></div>");
    }

    @Test
    void cc41_hxTargetAndHxSwapOnTheConnectElement() {
        String conn = "<div id=\"c\" hx-ws:connect=\"ws://x/y\" hx-target=\"#log\" hx-swap=\"beforeend\"></div>";
        Page p = Page.h4(conn + "<div id=\"log\"></div>");
        p.recv("<p>one</p>");
        assertThat(p.recv("<p>two</p>")).isEqualTo(conn + "<div id=\"log\"><p>one</p><p>two</p></div>");
    }

    @Test
    void cc42_oobSelectorsAndModifiers() {
        String box = "<p class=\"n\">a</p><p class=\"n\">b</p><ul id=\"l\"><li>1</li></ul><div id=\"a\">a</div>";
        String msg = "<div hx-swap-oob=\"innerHTML:.n\">X</div><li hx-swap-oob=\"beforeend target:#l\">2</li><div id=\"a\" hx-swap-oob=\"innerHTML\">A2</div>";
        Page p = Page.h4("<div id=\"box\">" + box + "</div>" + C + "</div>");
        assertThat(p.recv(msg))
            .isEqualTo("<div id=\"box\"><p class=\"n\">X</p><p class=\"n\">X</p><ul id=\"l\"><li>1</li>2</ul>"
                + "<div id=\"a\">A2</div></div>" + C + "</div>");
    }

    @Test
    void cc42_idlessOobMakesAMainSwapAndLosesOobInsideIt() {
        String msg = "<div hx-swap-oob=\"innerHTML:.n\">X</div><li hx-swap-oob=\"beforeend target:#l\">2</li>"
            + "<div id=\"a\" hx-swap-oob=\"innerHTML\">A2</div><div hx-swap-oob=\"true\">noid</div>";
        Page p = Page.h4(C + "<p class=\"n\">a</p><ul id=\"l\"><li>1</li></ul><div id=\"a\">a</div></div>");
        assertThat(p.recv(msg)).isEqualTo(C + "<div>noid</div></div>");
        assertThat(p.warningCodes()).contains("oob-idless-main", "oob-target-detached");
    }

    @Test
    void cc42_nestedOobIsSwappedTwice() {
        Page p = Page.h4("<div id=\"a\">a</div><div id=\"b\">b</div>" + C + "</div>");
        assertThat(p.recv("<div id=\"a\" hx-swap-oob=\"true\">A2<span id=\"b\" hx-swap-oob=\"true\">B2</span></div>"))
            .isEqualTo("<div id=\"a\">A2<span id=\"b\" hx-swap-oob=\"true\">B2</span></div><span id=\"b\">B2</span>" + C
                + "</div>");
        assertThat(p.dom.byId("b")).hasSize(2);
    }

    @Test
    void cc42_documentMessageOrderAndTitle() {
        Page p = Page.h4(C + "<div id=\"a\">a</div></div>");
        assertThat(p.recv(
            "<html><head><title>Doc</title></head><body><div id=\"a\" hx-swap-oob=\"true\">A2</div><p>rest</p></body></html>"))
            .isEqualTo(C + "<p>rest</p></div>");
        assertThat(p.dom.document().title()).isEqualTo("Doc");
    }

    @Test
    void textContentInsertsTheTextOfThePayload() {
        Page p = Page.h4("<div id=\"t\">t</div>" + C + "</div>");
        assertThat(p.recv("<div id=\"t\" hx-swap-oob=\"textContent\"><b>bold</b> &lt;i&gt;</div>"))
            .isEqualTo("<div id=\"t\">bold &lt;i&gt;</div>" + C + "</div>");
    }

    @Test
    void unknownStyleIsAnErrorForThatSwapOnly() {
        Page p = Page.h4("<div id=\"x\">x</div><div id=\"y\">y</div>" + C + "</div>");
        assertThat(p.recv("<div id=\"x\" hx-swap-oob=\"morph\">X2</div><div id=\"y\" hx-swap-oob=\"true\">Y2</div>"))
            .isEqualTo("<div id=\"x\">x</div><div id=\"y\">Y2</div>" + C + "</div>");
        assertThat(p.warningCodes()).contains("unknown-swap-style");
        assertThat(p.last.aborted()).isTrue();
    }

    @Test
    void planOfARawMessage() {
        SwapPlan plan = new IncomingMessages(Dialect.HTMX4)
            .plan(
                "<p>main</p><div id=\"side\" hx-swap-oob=\"innerHTML\">SIDE</div><hx-partial hx-target=\"#l\"><li>2</li></hx-partial>");
        assertThat(plan.swaps()).containsExactly(
            new PlannedSwap(PlannedSwap.CONNECT_ELEMENT, "innerHTML", "<p>main</p>"),
            new PlannedSwap("#side", "innerHTML", "SIDE"), new PlannedSwap("#l", "innerHTML", "<li>2</li>"));
    }

    @Test
    void invalidOobSelectorAbortsEverything() {
        Page p = Page.h4("<div id=\"t\">t</div>" + C + "<p>old</p></div>");
        String before = p.dom.canonicalBody();
        assertThat(p.recv("<p>main</p><div hx-swap-oob=\"outerHTML:#t swap:1s\">x</div>")).isEqualTo(before);
        assertThat(p.last.aborted()).isTrue();
        assertThat(p.warningCodes()).contains("swap-error");
    }
}
