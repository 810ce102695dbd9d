package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class TriggerSpecTest {

    @Test
    void parsesEventsModifiersAndFilters() {
        List<TriggerSpec> s = TriggerSpec.parse("keyup[key=='Enter'] changed delay:100ms, click once from:closest form,"
            + " every 2s, load throttle:1s target:#x consume");
        assertThat(s).hasSize(4);
        assertThat(s.get(0))
            .isEqualTo(new TriggerSpec("keyup", "key=='Enter'", true, false, false, 100, -1, -1, null, null));
        assertThat(s.get(1).once()).isTrue();
        assertThat(s.get(1).from()).isEqualTo("closest form");
        assertThat(s.get(2).event()).isEqualTo("every");
        assertThat(s.get(2).everyMs()).isEqualTo(2000);
        assertThat(s.get(3)).isEqualTo(new TriggerSpec("load", null, false, false, true, -1, 1000, -1, null, "#x"));
    }

    @Test
    void defaultsPerDialect() {
        Document doc = Jsoup.parse("<form id=f></form><input id=b type=button><input id=s type=submit><input id=t>"
            + "<select id=sel></select><textarea id=ta></textarea><a id=a></a><button id=btn></button>");
        for (String[] row : new String[][] {{"f", "submit", "submit"}, {"b", "click", "click"}, {"s", "click", "click"},
            {"t", "change", "change"}, {"sel", "change", "change"}, {"ta", "change", "change"}, {"a", "click", "click"},
            {"btn", "click", "click"}}) {
            assertThat(TriggerSpec.forElement(Dialect.HTMX2, doc.getElementById(row[0])).get(0).event()).as(row[0])
                .isEqualTo(row[1]);
            assertThat(TriggerSpec.forElement(Dialect.HTMX4, doc.getElementById(row[0])).get(0).event()).as(row[0])
                .isEqualTo(row[2]);
        }
    }

    @Test
    void htmx1ListensToTheFirstEventNameOnly() {
        Document doc = Jsoup
            .parse("<div id=d hx-trigger='click delay:500ms, keyup'></div><div id=e hx-trigger='every 100ms'></div>");
        assertThat(TriggerSpec.forElement(Dialect.HTMX1, doc.getElementById("d")))
            .containsExactly(TriggerSpec.of("click"));
        assertThat(TriggerSpec.forElement(Dialect.HTMX1, doc.getElementById("e")))
            .containsExactly(TriggerSpec.of("every"));
    }

    @Test
    void filters() {
        Map<String, Object> enter = Map.of("key", "Enter", "ctrlKey", false, "keyCode", 13);
        assertThat(EventFilter.evaluate("key=='Enter'", enter)).contains(true);
        assertThat(EventFilter.evaluate("key==='x'", enter)).contains(false);
        assertThat(EventFilter.evaluate("ctrlKey && key=='Enter'", enter)).contains(false);
        assertThat(EventFilter.evaluate("!ctrlKey && (key == \"Enter\" || key == 'Tab')", enter)).contains(true);
        assertThat(EventFilter.evaluate("event.keyCode == 13", enter)).contains(true);
        assertThat(EventFilter.evaluate("someGlobal()", enter)).isEqualTo(Optional.empty());
        assertThat(EventFilter.evaluate("key.length > 1", enter)).isEqualTo(Optional.empty());
    }
}
