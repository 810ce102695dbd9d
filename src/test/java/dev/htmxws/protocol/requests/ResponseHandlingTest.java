package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.js.JsonText;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What htmx 1, 2 and 4 do with a response (docs/spec/sse-and-requests.md §3.6–§3.9), each on a real page. */
class ResponseHandlingTest {
    private static final String PAGE = "<div id='x' hx-get='/r'>old</div><div id='side'>side</div>"
        + "<span id='count'>0</span>";
    private static final String OLD = "<div id=\"x\" hx-get=\"/r\">old</div>";
    private static final String NEW = "<div id=\"x\" hx-get=\"/r\"><p>new</p></div>";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        HTMX1 | 200 | true  | -
        HTMX1 | 204 | false | no-content
        HTMX1 | 304 | true  | -
        HTMX1 | 404 | false | error-not-swapped
        HTMX2 | 304 | true  | -
        HTMX2 | 204 | false | no-content
        HTMX2 | 500 | false | error-not-swapped
        HTMX4 | 404 | true  | error-swapped
        HTMX4 | 500 | true  | error-swapped
        HTMX4 | 204 | false | no-content
        HTMX4 | 304 | false | no-content
        """)
    void whichStatusesAreSwapped(Dialect d, int status, boolean swapped, String warning) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", status, "<p>new</p>");
        assertThat(p.html("#x")).isEqualTo(swapped ? NEW : OLD);
        assertThat(TestPage.codes(h.warnings())).containsExactlyElementsOf(warning == null ? List.of()
            : List.of(warning));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void status286SwapsAndStopsHtmx12Polling(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 286, "<p>new</p>");
        assertThat(p.html("#x")).isEqualTo(NEW);
        assertThat(h.stopPolling()).isEqualTo(d != Dialect.HTMX4);
    }

    @Test
    void htmx4HxStatusAttributesRedirectAnErrorResponse() {
        TestPage p = TestPage.of(Dialect.HTMX4, "<div id='x' hx-get='/r' hx-status:4xx='target:#side swap:beforeend'>"
            + "old</div><div id='side'>side</div>");
        p.respond("#x", 422, "<p>bad</p>");
        assertThat(p.body()).isEqualTo("<div id=\"x\" hx-get=\"/r\" hx-status:4xx=\"target:#side swap:beforeend\">old"
            + "</div><div id=\"side\">side<p>bad</p></div>");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX2 | itemSaved                                     | itemSaved=- item-saved=-
        HTMX1 | a, b ,c                                        | a=- b=- c=-
        HTMX4 | itemSaved, other                              | itemSaved=- other=-
        HTMX2 | {"showMsg": {"level": "info"}, "n": 5}        | showMsg={"level":"info"} show-msg={"level":"info"} n={"value":5}
        HTMX1 | {"list": [1, 2], "z": null}                   | list={"value":[1,2]} z={"value":null}
        HTMX4 | {"list": [1, 2], "n": 5, "o": {"a": 1}, "z": null} | list=[1,2] n={"value":5} o={"a":1} z=-
        """)
    void hxTriggerInItsThreeForms(Dialect d, String header, String expected) {
        TestPage p = TestPage.of(d, PAGE);
        p.respond("#x", 200, "<p>new</p>", "HX-Trigger", header);
        assertThat(String.join(" ", p.events.stream().map(e -> e.name() + "="
            + (e.detail() == null ? "-" : JsonText.stringify(e.detail()))).toList())).isEqualTo(expected);
        assertThat(p.events).allSatisfy(e -> assertThat(e.on().id()).isEqualTo("x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | false
        HTMX2 | false
        HTMX4 | true
        """)
    void hxTriggerFiresBeforeTheSwapInHtmx12AndAfterItInHtmx4(Dialect d, boolean afterSwap) {
        TestPage p = TestPage.of(d, PAGE);
        p.respond("#x", 200, "<p>new</p>", "HX-Trigger", "done");
        assertThat(p.domAtEvents.get(0)).contains(afterSwap ? NEW : OLD);
        assertThat(p.html("#x")).isEqualTo(NEW);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | e1@x e2@x e3@x
        HTMX2 | e1@a e2@a e3@a
        HTMX4 | e1@a e2@x e3@x
        """)
    void aDetailsTargetMovesTheEventStickilyInHtmx2Only(Dialect d, String expected) {
        TestPage p = TestPage.of(d, PAGE + "<p id='a'></p>");
        p.respond("#x", 200, "<p>new</p>", "HX-Trigger", "{\"e1\": {\"target\": \"#a\"}, \"e2\": \"v\", \"e3\": {}}");
        assertThat(String.join(" ", p.events.stream().map(e -> e.name() + "@" + e.on().id()).toList()))
            .isEqualTo(expected);
    }

    @Test
    void anHtmx2DetailTargetThatMatchesNothingThrowsAndNothingIsSwapped() {
        TestPage p = TestPage.of(Dialect.HTMX2, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p>new</p>", "HX-Trigger",
            "{\"ok\": 1, \"e\": {\"target\": \"#nope\"}}");
        assertThat(p.eventNames()).containsExactly("ok");
        assertThat(p.html("#x")).isEqualTo(OLD);
        assertThat(TestPage.codes(h.warnings())).containsExactly("trigger-error");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | trigger-invalid-json
        HTMX2 | trigger-invalid-json
        HTMX4 | trigger-error
        """)
    void anHxTriggerThatIsNotJsonFiresNothingButTheSwapHappens(Dialect d, String warning) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p>new</p>", "HX-Trigger", "{bad");
        assertThat(p.events).isEmpty();
        assertThat(p.html("#x")).isEqualTo(NEW);
        assertThat(TestPage.codes(h.warnings())).containsExactly(warning);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void hxTriggerAfterSwapFiresOnceSwappedOnTheBodyWhenTheElementWasReplaced(Dialect d) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-swap='outerHTML'>old</div>");
        p.respond("#x", 200, "<section id='y'>new</section>", "HX-Trigger-After-Swap", "swapped");
        if (d == Dialect.HTMX4) {
            assertThat(p.events).isEmpty(); // htmx 4 has no HX-Trigger-After-Swap
            return;
        }
        assertThat(p.eventNames()).containsExactly("swapped");
        assertThat(p.events.get(0).on()).isSameAs(p.dom.body());
        assertThat(p.domAtEvents.get(0)).isEqualTo("<section id=\"y\">new</section>");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void hxTriggerAfterSettleIsLeftForTheCallerToFire(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p>new</p>", "HX-Trigger-After-Settle", "settled, againNow");
        assertThat(p.events).isEmpty();
        assertThat(h.afterSettle().stream().map(FiredEvent::name).toList()).isEqualTo(d == Dialect.HTMX4 ? List.of()
            : List.of("settled", "againNow", "again-now"));
        assertThat(h.settleMillis()).isEqualTo(d == Dialect.HTMX4 ? 0 : 20);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void htmx4FiresHxTriggerOnWhatReplacedTheElement(Dialect d) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-swap='outerHTML'>old</div>");
        p.respond("#x", 200, "<section id='y'>new</section>", "HX-Trigger", "done");
        assertThat(p.events.get(0).on().id()).isEqualTo(d == Dialect.HTMX4 ? "y" : "x");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX2 | HX-Redirect  | /login  | -           | -      | HX-Redirect to /login
        HTMX1 | HX-Redirect  | /login  | HX-Refresh  | true   | HX-Redirect to /login, then reload
        HTMX2 | HX-Refresh   | true    | -           | -      | HX-Refresh: reload
        HTMX4 | HX-Redirect  | /login  | HX-Refresh  | true   | HX-Refresh: reload
        HTMX4 | HX-Redirect  | /login  | -           | -      | HX-Redirect to /login
        HTMX2 | HX-Location  | /next   | -           | -      | HX-Location to /next
        HTMX1 | HX-Location  | {"path": "/next", "target": "#side"} | - | - | HX-Location to /next
        HTMX4 | HX-Location  | {"path": "/next", "target": "#side"} | - | - | HX-Location to /next
        HTMX4 | HX-Location  | path:/next target:#side | -    | -      | HX-Location to /next
        HTMX2 | HX-Refresh   | false   | -           | -      | -
        """)
    void navigationHeadersAreReportedAndNothingIsSwapped(Dialect d, String h1, String v1, String h2, String v2,
        String navigation) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = h2 == null ? p.respond("#x", 200, "<p>new</p>", h1, v1, "HX-Trigger", "t")
            : p.respond("#x", 200, "<p>new</p>", h1, v1, h2, v2, "HX-Trigger", "t");
        assertThat(h.navigation()).isEqualTo(navigation);
        assertThat(p.html("#x")).isEqualTo(navigation == null ? NEW : OLD);
        assertThat(p.eventNames()).containsExactly("t"); // fired whatever happens next
        assertThat(TestPage.codes(h.warnings())).isEqualTo(navigation == null ? List.of() : List.of("navigation"));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void hxRetargetAndHxReswapSendTheResponseElsewhere(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        p.respond("#x", 200, "<p>new</p>", "HX-Retarget", "#side", "HX-Reswap", "beforeend");
        assertThat(p.body()).isEqualTo(OLD + "<div id=\"side\">side<p>new</p></div><span id=\"count\">0</span>");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        HTMX1 | this  | <p>new</p> | 5 | -
        HTMX2 | this  | <p>new</p> | 5 | -
        HTMX4 | this  | old        | 5 | target-not-found
        HTMX1 | #nope | old        | 0 | retarget-not-found request-lock-stuck
        HTMX2 | #nope | old        | 0 | retarget-not-found
        HTMX4 | #nope | old        | 5 | target-not-found
        """)
    void anHxRetargetThatMatchesNothing(Dialect d, String retarget, String content, String count, String warning) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p>new</p><span id='count' hx-swap-oob='true'>5</span>",
            "HX-Retarget", retarget);
        assertThat(p.html("#x")).isEqualTo("<div id=\"x\" hx-get=\"/r\">" + content + "</div>");
        assertThat(p.dom.byId("count").get(0).text()).isEqualTo(count);
        assertThat(TestPage.codes(h.warnings())).containsExactlyElementsOf(warning == null ? List.of()
            : List.of(warning.split(" ")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | .b    | <p class="b">B</p>
        HTMX2 | .b    | <p class="b">B</p>
        HTMX4 | .b    | <p class="b">B</p>
        HTMX1 | unset | ''
        HTMX2 | unset | <p class="a">A</p><p class="b">B</p>
        HTMX4 | unset | ''
        """)
    void hxReselectReplacesHxSelect(Dialect d, String reselect, String content) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-select='.a'>old</div>");
        p.respond("#x", 200, "<p class='a'>A</p><p class='b'>B</p>", "HX-Reselect", reselect);
        assertThat(p.html("#x")).isEqualTo("<div id=\"x\" hx-get=\"/r\" hx-select=\".a\">" + content.replace("''", "")
            + "</div>");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        HTMX2 | innerHTML                                   | -                        | 20  | -
        HTMX1 | innerHTML settle:100ms                      | -                        | 100 | -
        HTMX2 | innerHTML                                   | innerHTML settle:5ms     | 5   | -
        HTMX2 | innerHTML swap:50ms                         | -                        | 70  | swap-delay
        HTMX1 | innerHTML scroll:top show:#x:top focus-scroll:true | -                 | 20  | -
        HTMX2 | innerHTML bogus                             | -                        | 20  | swap-modifier-unknown
        HTMX2 | settle:0ms                                  | -                        | 0   | -
        HTMX4 | innerHTML settle:100ms                      | -                        | 0   | -
        """)
    void swapModifiersSetTheSettleTime(Dialect d, String hxSwap, String reswap, long settle, String warning) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-swap='" + hxSwap + "'>old</div>");
        Requests.Handled h = reswap == null ? p.respond("#x", 200, "<p>new</p>")
            : p.respond("#x", 200, "<p>new</p>", "HX-Reswap", reswap);
        assertThat(p.el("#x").html()).isEqualTo("<p>new</p>");
        assertThat(h.settleMillis()).isEqualTo(settle);
        assertThat(TestPage.codes(h.warnings())).containsExactlyElementsOf(warning == null ? List.of()
            : List.of(warning));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | <span id="count" hx-swap-oob="true">5</span>
        HTMX2 | <span id="count">5</span>
        HTMX4 | <span id="count">5</span>
        """)
    void outOfBandElementsAtAnyDepthKeepTheirAttributeOnlyInHtmx1(Dialect d, String count) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p>main</p><div><span id='count' hx-swap-oob='true'>5</span></div>");
        assertThat(p.body()).isEqualTo("<div id=\"x\" hx-get=\"/r\"><p>main</p><div></div></div><div id=\"side\">side"
            + "</div>" + count);
        assertThat(h.applied().stream().map(s -> s.target() + " " + s.style()).toList()).containsExactly(
            d == Dialect.HTMX4 ? "#x innerHTML" : "#count outerHTML",
            d == Dialect.HTMX4 ? "#count outerHTML" : "#x innerHTML");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anOutOfBandElementWithNoTargetIsDroppedWithAWarning(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p>m</p><i id='nope' hx-swap-oob='true'>z</i>");
        assertThat(p.html("#x")).isEqualTo("<div id=\"x\" hx-get=\"/r\"><p>m</p></div>");
        assertThat(TestPage.codes(h.warnings())).containsExactly("oob-no-target");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | <i hx-swap-oob='true'>z</i>          | oob-no-id oob-no-target
        HTMX2 | <i hx-swap-oob='true'>z</i>          | oob-no-id oob-no-target
        HTMX1 | <i id='a.b' hx-swap-oob='true'>z</i> | h1-unescaped-id
        HTMX2 | <i id='a.b' hx-swap-oob='true'>z</i> | oob-no-target
        """)
    void outOfBandIdsHtmx12CannotUse(Dialect d, String oob, String codes) {
        TestPage p = TestPage.of(d, PAGE + "<p id='a' class='b'>p</p>");
        Requests.Handled h = p.respond("#x", 200, "<p>m</p>" + oob);
        assertThat(TestPage.codes(h.warnings())).containsExactly(codes.split(" "));
        boolean hit = d == Dialect.HTMX1 && oob.contains("a.b"); // '#a.b' is the p with id a and class b
        assertThat(p.dom.byId("a")).hasSize(hit ? 0 : 1);
        assertThat(p.dom.byId("a.b")).hasSize(hit ? 1 : 0);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void hxSelectOobTakesElementsOutOfTheResponse(Dialect d) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-select-oob='#count,#side:beforeend'>old</div>"
            + "<div id='side'>side</div><span id='count'>0</span>");
        p.respond("#x", 200, "<p>main</p><span id='count'>7</span><b id='side'>S</b>");
        assertThat(p.body()).isEqualTo("<div id=\"x\" hx-get=\"/r\" hx-select-oob=\"#count,#side:beforeend\"><p>main"
            + "</p></div><div id=\"side\">sideS</div><span id=\"count\">7</span>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | ''
        HTMX2 | ''
        HTMX4 | old
        """)
    void anOutOfBandOnlyResponseEmptiesTheTargetInHtmx12Only(Dialect d, String content) {
        TestPage p = TestPage.of(d, PAGE);
        p.respond("#x", 200, "<span id='count' hx-swap-oob='true'>5</span>");
        assertThat(p.html("#x")).isEqualTo("<div id=\"x\" hx-get=\"/r\">" + content.replace("''", "") + "</div>");
        assertThat(p.dom.byId("count").get(0).text()).isEqualTo("5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | 0 | 1
        HTMX2 | 5 | 0
        HTMX4 | 0 | 1
        """)
    void htmx2AloneSwapsOutOfBandElementsWrappedInATemplate(Dialect d, String count, int templates) {
        TestPage p = TestPage.of(d, PAGE);
        p.respond("#x", 200, "<p>m</p><template><span id='count' hx-swap-oob='true'>5</span></template>");
        assertThat(p.dom.byId("count").get(0).text()).isEqualTo(count);
        assertThat(p.el("#x").select("template")).hasSize(templates);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"HTMX1", "HTMX2"})
    void anEmptyHxSwapOobIsMainContentInHtmx12(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<span id='count' hx-swap-oob=''>5</span>");
        assertThat(p.html("#x")).isEqualTo("<div id=\"x\" hx-get=\"/r\"><span id=\"count\" hx-swap-oob=\"\">5</span>"
            + "</div>");
        assertThat(TestPage.codes(h.warnings())).containsExactly("oob-empty-value");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"HTMX1", "HTMX2"})
    void hxPreserveKeepsThePagesElement(Dialect d) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r'><input id='keep' value='typed'>old</div>");
        p.respond("#x", 200, "<input id='keep' hx-preserve value='fresh'><p>new</p>");
        assertThat(p.html("#x"))
            .isEqualTo("<div id=\"x\" hx-get=\"/r\"><input id=\"keep\" value=\"typed\"><p>new</p></div>");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anEmptyBodyEmptiesTheTarget(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        p.respond("#x", 200, "");
        assertThat(p.html("#x")).isEqualTo("<div id=\"x\" hx-get=\"/r\"></div>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | <b>m</b>
        HTMX2 | <b>m</b>
        HTMX4 | <b>m</b><i>o</i>
        """)
    void outOfBandSwapsComeBeforeTheMainSwapInHtmx12AndAfterItInHtmx4(Dialect d, String content) {
        TestPage p = TestPage.of(d, "<div id='box' hx-get='/r'>x</div>");
        p.respond("#box", 200, "<b>m</b><div id='box' hx-swap-oob='beforeend'><i>o</i></div>");
        assertThat(p.el("#box").html()).isEqualTo(content);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        HTMX1 | <b>t</b>                  | unknown-swap-style
        HTMX2 | &lt;b&gt;t&lt;/b&gt;      | -
        HTMX4 | t                         | -
        """)
    void textContentInsertsTheRawTextInHtmx2AndTheParsedTextInHtmx4(Dialect d, String content, String warning) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-swap='textContent'>old</div>");
        Requests.Handled h = p.respond("#x", 200, "<b>t</b>");
        assertThat(p.el("#x").html()).isEqualTo(content);
        assertThat(TestPage.codes(h.warnings())).containsExactlyElementsOf(warning == null ? List.of()
            : List.of(warning));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX1 | <title>New &amp; T</title><p>x</p>        | innerHTML             | New & T
        HTMX2 | <title>New &amp; T</title><p>x</p>        | innerHTML             | New & T
        HTMX4 | <title>New &amp; T</title><p>x</p>        | innerHTML             | New & T
        HTMX1 | <head><title>H</title></head><p>x</p>     | innerHTML             | H
        HTMX2 | <head><title>H</title></head><p>x</p>     | innerHTML             | -
        HTMX4 | <head><title>H</title></head><p>x</p>     | innerHTML             | H
        HTMX1 | <title>N</title><p>x</p>                  | none                  | N
        HTMX2 | <title>N</title><p>x</p>                  | none                  | N
        HTMX4 | <title>N</title><p>x</p>                  | none                  | -
        HTMX2 | <title>N</title><p>x</p>                  | innerHTML ignoreTitle:true | -
        HTMX4 | <title>N</title><p>x</p>                  | innerHTML ignoreTitle:true | -
        """)
    void theTitleOfAResponse(Dialect d, String body, String swap, String title) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-swap='" + swap + "'>old</div>");
        Requests.Handled h = p.respond("#x", 200, body);
        assertThat(h.title()).isEqualTo(title);
        assertThat(p.dom.document().title()).isEqualTo(title == null ? "t" : title);
    }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        HTMX1 | -                  | HX-Push-Url    | /new?p=1 | http://example.test/new?p=1
        HTMX2 | -                  | HX-Replace-Url | rel      | http://example.test/app/rel
        HTMX4 | -                  | HX-Push-Url    | /new?p=1 | http://example.test/new?p=1
        HTMX2 | hx-push-url='true' | -              | -        | http://example.test/r
        HTMX4 | hx-push-url='true' | -              | -        | http://example.test/r
        HTMX2 | hx-push-url='true' | HX-Push-Url    | false    | -
        HTMX4 | hx-push-url='/a'   | HX-Replace-Url | false    | -
        """)
    void historyUpdatesMoveTheLocation(Dialect d, String attr, String header, String value, String location) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' " + (attr == null ? "" : attr) + ">old</div>");
        Requests.Handled h = header == null ? p.respond("#x", 200, "<p>new</p>")
            : p.respond("#x", 200, "<p>new</p>", header, value);
        assertThat(h.location()).isEqualTo(location);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theNewContentRootsAreHandedBackForProcessing(Dialect d) {
        TestPage p = TestPage.of(d, PAGE);
        Requests.Handled h = p.respond("#x", 200, "<p id='a' hx-get='/a' hx-trigger='load'>1</p>text<p id='b'>2</p>");
        assertThat(h.inserted().stream().map(e -> e.id()).toList()).containsExactly("a", "b");
        assertThat(h.inserted()).allSatisfy(e -> assertThat(p.dom.isLive(e)).isTrue());
        assertThat(h.applied()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | target-detached
        HTMX2 | target-detached
        HTMX4 | target-detached
        """)
    void aTargetThatLeftThePageIsNotSwappedIntoVisibly(Dialect d, String warning) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/r' hx-target='#t'>x</div><div id='t'>t</div>");
        Requests.Built b = p.build("#x");
        p.dom.remove(p.el("#t"));
        Requests.Handled h = p.requests.handle(p.dom, b, HttpResponse.of(200, java.util.Map.of(), "<p>new</p>"),
            e -> {});
        assertThat(p.body()).isEqualTo("<div id=\"x\" hx-get=\"/r\" hx-target=\"#t\">x</div>");
        assertThat(TestPage.codes(h.warnings())).containsExactly(warning);
        assertThat(h.inserted()).isEmpty();
    }

    @Test
    void aRequestThatWasNotSentHasNoResponse() {
        TestPage p = TestPage.of(Dialect.HTMX2, "<div id='x' hx-get='/r' hx-target='#none'>x</div>");
        Requests.Built b = p.build("#x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.requests.handle(p.dom, b,
            HttpResponse.of(200, java.util.Map.of(), ""), e -> {})).isInstanceOf(NullPointerException.class);
    }

    @Test
    void responseHeadersAreReadWhateverTheirCase() {
        HttpResponse r = new HttpResponse(200, java.util.Map.of("hx-trigger", List.of("a"), "HX-TRIGGER", List.of("b")),
            "");
        assertThat(r.header("HX-Trigger")).isIn("a, b", "b, a");
        assertThat(r.header("HX-Redirect")).isNull();
    }
}
