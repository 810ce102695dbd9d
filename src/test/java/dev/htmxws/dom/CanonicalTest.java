package dev.htmxws.dom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The oracle README's "DOM normalisation" rules, one by one. */
class CanonicalTest {
    private static String canon(String body) {
        return VirtualDom.parse("<!DOCTYPE html><html><head></head><body>" + body + "</body></html>", "http://h/")
            .canonicalBody();
    }

    @Test
    void textRunsMergeAcrossCommentsAndCollapse() {
        assertThat(canon("  a <!-- x -->  b\n\t<i>c</i> \n <b> </b>")).isEqualTo("a b <i>c</i><b></b>");
    }

    @Test
    void escapingOfTextAndAttributes() {
        assertThat(canon("<p title='a&amp;\"&lt;&gt;'>&amp; &lt;x&gt; \u00a0\"'</p>"))
            .isEqualTo("<p title=\"a&amp;&quot;&lt;&gt;\">&amp; &lt;x&gt; \u00a0\"'</p>");
    }

    @Test
    void scriptAndStyleCollapsedButNotEscaped() {
        assertThat(canon("<script>if (a < b &&\n  c) {}</script><style>a > b {}</style>"))
            .isEqualTo("<script>if (a < b && c) {}</script><style>a > b {}</style>");
    }

    @Test
    void voidElementsBooleanAttributesAndOrder() {
        assertThat(canon("<input name=x disabled><br><img src=a alt><hr>"))
            .isEqualTo("<input name=\"x\" disabled=\"\"><br><img src=\"a\" alt=\"\"><hr>");
    }

    @Test
    void transientClassesAndHtmxPoweredDropped() {
        assertThat(canon(
            "<div class=' htmx-added  a htmx-settling b ' data-htmx-powered='true' id=x></div><p class='htmx-request'></p>"))
            .isEqualTo("<div class=\"a b\" id=\"x\"></div><p></p>");
    }

    @Test
    void templateContentIsSerialisedAsChildren() {
        assertThat(canon("<template id=t><tr><td>1</td></tr></template>"))
            .isEqualTo("<template id=\"t\"><tr><td>1</td></tr></template>");
    }

    @Test
    void formStateLivesInAttributes() {
        VirtualDom dom = VirtualDom.parse("<body><input id=i name=q><textarea id=t>a</textarea></body>", "http://h/");
        dom.setAttribute(dom.byId("i").get(0), "value", "typed");
        dom.setTextContent(dom.byId("t").get(0), "x  y");
        assertThat(dom.canonicalBody())
            .isEqualTo("<input id=\"i\" name=\"q\" value=\"typed\"><textarea id=\"t\">x y</textarea>");
    }

    @Test
    void oneElement() {
        VirtualDom dom = VirtualDom.parse("<body><div id=a> x <b>y</b></div></body>", "http://h/");
        assertThat(dom.canonical(dom.byId("a").get(0))).isEqualTo("<div id=\"a\"> x <b>y</b></div>");
    }
}
