package dev.htmxws.dom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Two different elements are never named the same way, and each name selects its element and nothing else. */
class UniqueSelectorTest {

    private static final String PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>"
        + "<div class='container'><p>a</p><p class='x y'>b</p></div>"
        + "<div class='container' id='main'><ul><li>1</li><li>2</li></ul></div>"
        + "<div class='container'><span id='dup'>1</span><span id='dup'>2</span></div>"
        + "<section><div class='container'><b>deep</b></div></section>"
        + "<p id='a.b'>odd id</p><p id='1st'>digit</p><template id='tpl'><div class='container'></div></template>"
        + "</body></html>";

    @Test
    void everyElementOfAPageHasItsOwnNameThatSelectsItAlone() {
        VirtualDom dom = VirtualDom.parse(PAGE, "http://h/");
        Map<String, Element> named = new HashMap<>();
        for (Element e : dom.document().getAllElements()) {
            if (e == dom.document() || !dom.isLive(e)) {
                continue;
            }
            String name = UniqueSelector.of(dom, e);
            assertThat(named.put(name, e)).as("two elements named %s", name).isNull();
            assertThat(dom.document().select(name)).as(name).containsExactly(e);
        }
    }

    @Test
    void namesReadAsAPersonWouldWriteThem() {
        VirtualDom dom = VirtualDom.parse(PAGE, "http://h/");
        List<Element> containers = dom.select("div.container");
        assertThat(containers).extracting(e -> UniqueSelector.of(dom, e)).containsExactly(
            "body > div.container:nth-of-type(1)", "#main", "body > div.container:nth-of-type(3)",
            "body > section > div.container");
        assertThat(UniqueSelector.of(dom, dom.select("li").get(1))).isEqualTo("#main > ul > li:nth-of-type(2)");
        assertThat(UniqueSelector.of(dom, dom.byId("dup").get(1))).isEqualTo(
            "body > div.container:nth-of-type(3) > span:nth-of-type(2)");
        assertThat(UniqueSelector.of(dom, dom.byId("a.b").get(0))).isEqualTo("#a\\.b");
        assertThat(UniqueSelector.of(dom, dom.byId("1st").get(0))).isEqualTo("#\\31 st");
        assertThat(UniqueSelector.of(dom, dom.body())).isEqualTo("body");
    }

    @Test
    void aPathDeeperThanTheLimitIsElidedInTheMiddle() {
        String deep = "<div>".repeat(100) + "<i>x</i>" + "</div>".repeat(100);
        VirtualDom dom = VirtualDom.parse("<html><body>" + deep + "</body></html>", "http://h/");
        String name = UniqueSelector.of(dom, dom.select("i").get(0));
        assertThat(name).startsWith("body > div > ").contains(" > … > ").endsWith("div > i");
        assertThat(name.split(" > ")).hasSize(UniqueSelector.MAX_STEPS + 1);
    }
}
