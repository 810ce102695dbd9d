package dev.htmxws.protocol.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §6 "H2 — incoming" (CC-15 … CC-25), with exact canonical DOM strings. */
class H2IncomingCasesTest {
    private static final String C = "<div id=\"c\" hx-ext=\"ws\" ws-connect=\"ws://x/y\">";

    private static Page inC(String inner) {
        return Page.h2(C + inner + "</div>");
    }

    @Test
    void cc15_defaultOobById() {
        Page p = inC("<div id=\"d1\" class=\"old\">div1</div><div id=\"d2\">div2</div>");
        assertThat(p.recv("<div id=\"d1\" class=\"new\">replaced</div>"))
            .isEqualTo(C + "<div id=\"d1\" class=\"new\">replaced</div><div id=\"d2\">div2</div></div>");
        assertThat(p.last.warnings()).isEmpty();
    }

    @Test
    void cc16_positionalStylesAndWhitespace() {
        Page p = inC("<ul id=\"list\"><li>1</li></ul><p id=\"p\">P</p><div id=\"inner\"><b>old</b></div>");
        String out = p.recv("<ul id=\"list\" hx-swap-oob=\"beforeend\"><li>2</li></ul>\n"
            + "<ul id=\"list\" hx-swap-oob=\"afterbegin\"><li>0</li></ul><span id=\"p\" hx-swap-oob=\"beforebegin\">before</span>"
            + "<span id=\"p\" hx-swap-oob=\"afterend\">after</span><div id=\"inner\" hx-swap-oob=\"innerHTML\"> <i>new</i> text </div>");
        assertThat(out).isEqualTo(C + "<ul id=\"list\"><li>0</li><li>1</li><li>2</li></ul>before<p id=\"p\">P</p>after"
            + "<div id=\"inner\"><i>new</i> text </div></div>");
        // whitespace is moved as-is (the canonical form hides the leading single space)
        assertThat(p.dom.byId("inner").get(0).html()).isEqualTo(" <i>new</i> text ");
    }

    @Test
    void cc17_styleSelectorAndMultipleTargets() {
        Page p = inC("<p class=\"n\">a</p><p class=\"n\">b</p><div id=\"t\">T</div>");
        assertThat(p.recv(
            "<div hx-swap-oob=\"innerHTML:.n\">X<em>!</em></div><section hx-swap-oob=\"outerHTML:#t\" id=\"keep\">S</section>"))
            .isEqualTo(C
                + "<p class=\"n\">X<em>!</em></p><p class=\"n\">X<em>!</em></p><section id=\"keep\">S</section></div>");
    }

    @Test
    void cc18_idlessElementHasNoTargetAndWarns() {
        Page p = inC("<div id=\"x\">x</div>");
        String before = p.dom.canonicalBody();
        assertThat(p.recv("<div>hello</div>")).isEqualTo(before);
        assertThat(p.warningCodes()).containsExactly("oob-no-id", "oob-no-target");
    }

    @Test
    void cc18_idlessElementReplacesAnElementWithIdNull() {
        Page p = inC("<div id=\"null\">x</div>");
        assertThat(p.recv("<div>hello</div>")).isEqualTo(C + "<div>hello</div></div>");
    }

    @Test
    void cc18_unknownIdDoesNotStopTheRest() {
        Page p = inC("<div id=\"x\">X</div>");
        assertThat(p.recv("<div id=\"nope\">n</div><div id=\"x\">X2</div>"))
            .isEqualTo(C + "<div id=\"x\">X2</div></div>");
        assertThat(p.warningCodes()).containsExactly("oob-no-target");
        assertThat(p.last.warnings().get(0).message()).contains("#nope");
    }

    @Test
    void cc18_topLevelTextAndCommentsIgnored() {
        Page p = inC("<div id=\"x\">X</div>");
        assertThat(p.recv("hello <!-- c --> <div id=\"x\">X2</div> tail"))
            .isEqualTo(C + "<div id=\"x\">X2</div></div>");
    }

    @Test
    void cc19_tableRowsAtTopLevel() {
        Page p = Page.h2(C + "<table><tbody id=\"tb\"><tr id=\"r1\"><td>1</td></tr></tbody></table></div>");
        assertThat(p.recv("<tr id=\"r1\"><td>one</td></tr>"))
            .isEqualTo(C + "<table><tbody id=\"tb\"><tr id=\"r1\"><td>one</td></tr></tbody></table></div>");
        Page q = Page.h2(C + "<table><tbody id=\"tb\"><tr id=\"r1\"><td>1</td></tr></tbody></table></div>");
        assertThat(q.recv("<tbody id=\"tb\" hx-swap-oob=\"beforeend\"><tr id=\"r2\"><td>2</td></tr></tbody>"))
            .isEqualTo(C
                + "<table><tbody id=\"tb\"><tr id=\"r1\"><td>1</td></tr><tr id=\"r2\"><td>2</td></tr></tbody></table></div>");
    }

    @Test
    void cc20_deleteNoneTextContentMorph() {
        Page p = inC("<div id=\"a\">a</div><div id=\"b\">b</div>");
        assertThat(p
            .recv("<div id=\"a\" hx-swap-oob=\"delete\">ignored</div><div id=\"b\" hx-swap-oob=\"none\">ignored</div>"))
            .isEqualTo(C + "<div id=\"b\">b</div></div>");
        Page q = inC("<div id=\"a\">a</div><div id=\"m\">m</div>");
        assertThat(q.recv(
            "<div id=\"a\" hx-swap-oob=\"textContent\"><b>bold</b></div><div id=\"m\" hx-swap-oob=\"morph\"><i>m</i></div>"))
            .isEqualTo(C + "<div id=\"a\"><b>bold</b></div><div id=\"m\"><i>m</i></div></div>");
        assertThat(q.warningCodes()).contains("oob-textcontent-html");
    }

    @Test
    void cc21_modifierAbortsTheWholeMessage() {
        Page p = inC("<div id=\"a\">a</div><div id=\"b\">b</div>");
        String before = p.dom.canonicalBody();
        assertThat(p.recv("<div id=\"a\" hx-swap-oob=\"innerHTML settle:100ms\">A2</div><div id=\"b\">B2</div>"))
            .isEqualTo(before);
        assertThat(p.last.aborted()).isTrue();
        assertThat(p.warningCodes()).containsExactly("oob-abort");
        assertThat(p.last.warnings().get(0).message()).contains("100ms").contains("modifiers are not supported");
    }

    @Test
    void cc21_elementsBeforeTheAbortAreSwappedButNotSettled() {
        // settle never runs after the throw: the replaced #a keeps the OLD element's class (handleAttributes)
        Page p = inC("<div id=\"a\" class=\"old\">a</div><div id=\"b\">b</div>");
        assertThat(
            p.recv("<div id=\"a\" class=\"new\">A2</div><div id=\"b\" hx-swap-oob=\"outerHTML swap:1s\">B2</div>"))
            .isEqualTo(C + "<div id=\"a\" class=\"old\">A2</div><div id=\"b\">b</div></div>");
    }

    @Test
    void cc22_nestedOobNotProcessed() {
        Page p = inC("<div id=\"a\">a</div><div id=\"b\">b</div>");
        assertThat(p.recv("<div id=\"a\">A2<span id=\"b\" hx-swap-oob=\"true\">B2</span></div>"))
            .isEqualTo(
                C + "<div id=\"a\">A2<span id=\"b\" hx-swap-oob=\"true\">B2</span></div><div id=\"b\">b</div></div>");
        assertThat(p.warningCodes()).contains("oob-nested-ignored");
        assertThat(p.dom.byId("b")).hasSize(2);
    }

    @Test
    void cc22_templateWrappedOobNotProcessed() {
        Page p = Page.h2(C + "<table><tbody><tr id=\"r\"><td>1</td></tr></tbody></table></div>");
        String before = p.dom.canonicalBody();
        assertThat(p.recv("<template><tr id=\"r\" hx-swap-oob=\"true\"><td>2</td></tr></template>")).isEqualTo(before);
        assertThat(p.warningCodes()).contains("oob-template-ignored", "oob-no-target");
    }

    @Test
    void cc23_documentsTitlesAndOddIds() {
        Page p = inC("<div id=\"a\">a</div><div id=\"b\">b</div><div id=\"1x\">1</div><div id=\"a:b\">2</div>");
        p.recv("<html><head><title>New</title></head><body><div id=\"a\">A2</div></body></html>");
        p.recv("<body><div id=\"b\">B2</div></body>");
        assertThat(p.recv("<title>X</title><div id=\"1x\">one</div><div id=\"a:b\">two</div>"))
            .isEqualTo(C
                + "<div id=\"a\">A2</div><div id=\"b\">B2</div><div id=\"1x\">one</div><div id=\"a:b\">two</div></div>");
        assertThat(p.dom.document().title()).isEqualTo("t");
        assertThat(p.warningCodes()).contains("title-ignored");
    }

    @Test
    void cc24_replacingTheConnectElement() {
        Page p = Page.h2("<div id=\"c\" hx-ext=\"ws\" ws-connect=\"ws://x/y\"><div id=\"a\">old</div></div>");
        assertThat(p.recv("<div id=\"c\" hx-ext=\"ws\" ws-connect=\"ws://x/z\"><div id=\"a\">new</div></div>"))
            .isEqualTo("<div id=\"c\" hx-ext=\"ws\" ws-connect=\"ws://x/z\"><div id=\"a\">new</div></div>");
        assertThat(p.last.connectRemoved()).isTrue();
        assertThat(p.last.inserted()).singleElement()
            .satisfies(e -> assertThat(e.attr("ws-connect")).isEqualTo("ws://x/z"));
        // a further message on the old socket is ignored
        Element old = p.connect;
        p.recv("<div id=\"a\">late</div>");
        assertThat(p.dom.byId("a").get(0).text()).isEqualTo("new");
        assertThat(p.warningCodes()).contains("connect-removed");
        assertThat(old.parent()).isNull();
    }

    @Test
    void cc25_newContentIsReportedAndSettled() {
        Page p = inC("<div id=\"slot\"></div>");
        assertThat(p.recv(
            "<div id=\"slot\" hx-swap-oob=\"innerHTML\"><form id=\"f2\" ws-send class=\"new\"><input name=\"x\" value=\"1\"></form></div>"))
            .isEqualTo(C
                + "<div id=\"slot\"><form id=\"f2\" ws-send=\"\" class=\"new\"><input name=\"x\" value=\"1\"></form></div></div>");
        Element form = p.dom.byId("f2").get(0);
        assertThat(p.last.inserted()).containsExactly(form);
        assertThat(form.attr("class")).isEqualTo("new"); // no htmx-added left, not even in the raw DOM
    }

    @Test
    void settlingMovesAClassTheOldElementLackedToTheEnd() {
        // h2 handleAttributes + settle: observable as attribute order in the browser's DOM
        Page p = inC("<div id=\"a\" title=\"t\">a</div>");
        assertThat(p.recv("<div id=\"a\" class=\"k\" data-x=\"1\">A2</div>"))
            .isEqualTo(C + "<div id=\"a\" data-x=\"1\" class=\"k\">A2</div></div>");
    }

    @Test
    void planNeedsNoPage() {
        SwapPlan plan = new IncomingMessages(dev.htmxws.protocol.Dialect.HTMX2)
            .plan(
                "<div hx-swap-oob=\"innerHTML:.n\">X<em>!</em></div><section hx-swap-oob=\"outerHTML:#t\" id=\"keep\">S</section><p id=\"q\" hx-swap-oob=\"beforeend\">t</p>");
        assertThat(plan.swaps()).containsExactly(new PlannedSwap(".n", "innerHTML", "X<em>!</em>"),
            new PlannedSwap("#t", "outerHTML", "<section id=\"keep\">S</section>"),
            new PlannedSwap("#q", "beforeend", "t"));
        assertThat(plan.aborts()).isFalse();
    }
}
