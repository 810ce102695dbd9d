package dev.htmxws.protocol.incoming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §2.2 and CC-33: htmx 1 built-in hx-ws. */
class H1IncomingCasesTest {
    private static final String C = "<div id=\"c\" hx-ws=\"connect:/chat\">";

    @Test
    void cc33_attributeKeptUnmatchedDroppedSilently() {
        Page p = Page.h1(C + "<div id=\"d1\">d1</div><div id=\"d2\">d2</div></div>");
        assertThat(p.recv("<div id=\"d1\" hx-swap-oob=\"true\">replaced</div><div id=\"nope\">x</div><div>noid</div>"
            + "<ul id=\"d2\" hx-swap-oob=\"innerHTML\"><li>i</li></ul>"))
            .isEqualTo(C + "<div id=\"d1\" hx-swap-oob=\"true\">replaced</div><div id=\"d2\"><li>i</li></div></div>");
        assertThat(p.warningCodes()).doesNotContain("oob-no-target");
    }

    @Test
    void cc33_idThatIsNotACssIdentifierAbortsTheMessage() {
        Page p = Page.h1(C + "<div id=\"1x\">1</div><div id=\"b\">b</div></div>");
        String before = p.dom.canonicalBody();
        assertThat(p.recv("<div id=\"1x\">A2</div><div id=\"b\">B2</div>")).isEqualTo(before);
        assertThat(p.last.aborted()).isTrue();
        Page q = Page.h1(C + "<div id=\"a:b\">1</div></div>");
        q.recv("<div id=\"a:b\">A2</div>");
        assertThat(q.last.aborted()).isTrue();
    }

    @Test
    void idsWithCssMeaningHitOtherElements() {
        // '#a.b' is "id a with class b"; '#x y' is "y inside #x"
        Page p = Page.h1(C
            + "<div id=\"a.b\">1</div><div id=\"a\" class=\"b\">2</div><div id=\"x\"><y>3</y></div><div id=\"x y\">4</div></div>");
        assertThat(p.recv("<p id=\"a.b\" hx-swap-oob=\"innerHTML\">A</p><p id=\"x y\" hx-swap-oob=\"innerHTML\">Y</p>"))
            .isEqualTo(C
                + "<div id=\"a.b\">1</div><div id=\"a\" class=\"b\">A</div><div id=\"x\"><y>Y</y></div><div id=\"x y\">4</div></div>");
        assertThat(p.warningCodes()).contains("h1-unescaped-id");
    }

    @Test
    void nestedOobNotProcessed() {
        Page p = Page.h1(C + "<div id=\"a\">a</div><div id=\"b\">b</div></div>");
        assertThat(p.recv("<div id=\"a\">A2<span id=\"b\" hx-swap-oob=\"true\">B2</span></div>"))
            .isEqualTo(
                C + "<div id=\"a\">A2<span id=\"b\" hx-swap-oob=\"true\">B2</span></div><div id=\"b\">b</div></div>");
    }

    @Test
    void tableRowAtTopLevelIsKept() {
        String table = "<table><tbody id=\"tb\"><tr id=\"r1\"><td>1</td></tr></tbody></table>";
        Page p = Page.h1(C + table + "</div>");
        assertThat(p.recv("<tr id=\"r1\"><td>one</td></tr>"))
            .isEqualTo(C + "<table><tbody id=\"tb\"><tr id=\"r1\"><td>one</td></tr></tbody></table></div>");
        assertThat(p.recv("<td id=\"x\">no</td>")).contains("<td>one</td>");
    }

    @Test
    void titleBeforeContentIsDropped() {
        Page p = Page.h1(C + "<div id=\"a\">a</div></div>");
        assertThat(p.recv("<title>X</title><div id=\"a\">A2</div>")).isEqualTo(C + "<div id=\"a\">A2</div></div>");
        assertThat(p.dom.document().title()).isEqualTo("t");
    }
}
