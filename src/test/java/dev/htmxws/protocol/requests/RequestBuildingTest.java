package dev.htmxws.protocol.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.htmxws.protocol.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** How htmx 1, 2 and 4 build a request (docs/spec/sse-and-requests.md §3.3, §3.4), each on a real page. */
class RequestBuildingTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | http://example.test/items?q=a%20b!()~*%C3%A9%26%3D
        HTMX2 | http://example.test/items?q=a%20b!()~*%C3%A9%26%3D
        HTMX4 | http://example.test/items?q=a+b%21%28%29%7E*%C3%A9%26%3D
        """)
    void parametersAreEncodedAsEachDialectEncodesThem(Dialect d, String url) {
        TestPage p = TestPage.of(d, "<div id='g' hx-get='/items' hx-vals='{\"q\": \"a b!()~*é&=\"}'>g</div>");
        assertThat(p.request("#g").url()).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX1 | get    | GET    | http://example.test/items?id=7 | -    | -
        HTMX1 | post   | POST   | http://example.test/items      | id=7 | application/x-www-form-urlencoded
        HTMX1 | delete | DELETE | http://example.test/items      | id=7 | application/x-www-form-urlencoded
        HTMX2 | delete | DELETE | http://example.test/items?id=7 | -    | application/x-www-form-urlencoded
        HTMX2 | put    | PUT    | http://example.test/items      | id=7 | application/x-www-form-urlencoded
        HTMX2 | patch  | PATCH  | http://example.test/items      | id=7 | application/x-www-form-urlencoded
        HTMX4 | get    | GET    | http://example.test/items?id=7 | -    | -
        HTMX4 | delete | DELETE | http://example.test/items?id=7 | -    | -
        HTMX4 | patch  | PATCH  | http://example.test/items      | id=7 | application/x-www-form-urlencoded;charset=UTF-8
        HTMX4 | query  | QUERY  | http://example.test/items      | id=7 | application/x-www-form-urlencoded;charset=UTF-8
        """)
    void eachVerbPutsItsValuesInTheQueryOrTheBody(Dialect d, String verb, String method, String url, String body,
        String contentType) {
        TestPage p = TestPage.of(d, "<div id='x' hx-" + verb + "='/items' hx-vals='{\"id\": 7}'>x</div>");
        HttpRequest r = p.request("#x");
        assertThat(r.method()).isEqualTo(method);
        assertThat(r.url()).isEqualTo(url);
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.header("Content-Type")).isEqualTo(contentType);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | http://example.test/items?id=1&x=y%20z&id=7
        HTMX2 | http://example.test/items?id=1&x=y%20z&id=7
        HTMX4 | http://example.test/items?x=y+z&id=7
        """)
    void keysAlreadyInTheQueryAreRepeatedByHtmx12AndReplacedByHtmx4(Dialect d, String url) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/items?id=1&amp;x=y%20z' hx-vals='{\"id\": 7}'>x</div>");
        assertThat(p.request("#x").url()).isEqualTo(url);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theFragmentIsNeverSentAndAnEmptyPathIsTheCurrentLocation(Dialect d) {
        TestPage p = TestPage.of(d, "<div id='a' hx-get='/items#frag' hx-vals='{\"id\": 7}'>a</div>"
            + "<div id='b' hx-post='/items#frag'>b</div><div id='c' hx-get='' hx-vals='{\"id\": 7}'>c</div>");
        assertThat(p.request("#a").url()).isEqualTo("http://example.test/items?id=7");
        assertThat(p.request("#b").url()).isEqualTo("http://example.test/items");
        assertThat(p.request("#c").url()).isEqualTo("http://example.test/app/page.html?room=1&id=7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | o=%7B%22a%22%3A1%7D&arr=1&arr=2&n=null&b=true&f=1.5
        HTMX2 | o=%7B%22a%22%3A1%7D&arr=1&arr=2&n=null&b=true&f=1.5
        HTMX4 | o=%5Bobject+Object%5D&arr=1%2C2&n=null&b=true&f=1.5
        """)
    void valuesOfEveryJsonTypeBecomeText(Dialect d, String query) {
        TestPage p = TestPage.of(d, "<div id='x' hx-get='/v' hx-vals='{\"o\": {\"a\": 1}, \"arr\": [1, 2], \"n\": null,"
            + " \"b\": true, \"f\": 1.5}'>x</div>");
        Requests.Built b = p.build("#x");
        assertThat(b.request().url()).isEqualTo("http://example.test/v?" + query);
        assertThat(TestPage.codes(b.warnings()).contains("vals-object")).isEqualTo(d == Dialect.HTMX4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | a=V&b=2
        HTMX2 | b=2&a=V
        HTMX4 | a=V&b=2
        """)
    void hxValsOverrideFormFieldsKeepingOrMovingTheirPlace(Dialect d, String body) {
        TestPage p = TestPage.of(d, "<form id='f' hx-post='/s' hx-vals='{\"a\": \"V\"}'><input name='a' value='1'>"
            + "<input name='b' value='2'></form>");
        assertThat(p.request("#f").body()).isEqualTo(body);
    }

    @Test
    void htmx12HeadersComeInHtmxsOrder() {
        for (Dialect d : new Dialect[] {Dialect.HTMX1, Dialect.HTMX2}) {
            TestPage p = TestPage.of(d, "<div id='d' name='nm' hx-post='/s' hx-target='#t'>d</div><p id='t'></p>");
            assertThat(p.request("#d").headers()).containsExactly(entry("HX-Request", "true"),
                entry("HX-Trigger", "d"), entry("HX-Trigger-Name", "nm"), entry("HX-Target", "t"),
                entry("HX-Current-URL", TestPage.URL), entry("Content-Type", "application/x-www-form-urlencoded"));
        }
    }

    @Test
    void htmx4HeadersComeInHtmxsOrder() {
        TestPage p = TestPage.of(Dialect.HTMX4, "<div id='d' name='nm' hx-post='/s' hx-target='#t'>d</div>"
            + "<p id='t'></p>");
        assertThat(p.request("#d").headers()).containsExactly(entry("HX-Request", "true"),
            entry("HX-Source", "div#d"), entry("HX-Current-URL", TestPage.URL), entry("Accept", "text/html"),
            entry("HX-Target", "p#t"), entry("HX-Request-Type", "partial"),
            entry("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | <button id='x' hx-post='/s'>b</button>              | x        | (absent) | x
        HTMX2 | <button hx-post='/s'>b</button>                     | (absent) | (absent) | (absent)
        HTMX2 | <div id='' name='' hx-post='/s'>d</div>            | ''       | ''       | (absent)
        HTMX1 | <div data-id='dx' hx-post='/s'>d</div>             | (absent) | (absent) | dx
        HTMX2 | <div data-id='dx' name='n' hx-post='/s'>d</div>    | (absent) | n        | dx
        """)
    void htmx12LeaveOutAbsentIdsAndNamesButSendEmptyOnes(Dialect d, String html, String trigger, String name,
        String target) {
        HttpRequest r = TestPage.of(d, html).request("[hx-post]");
        assertThat(header(r, "HX-Trigger")).isEqualTo(trigger);
        assertThat(header(r, "HX-Trigger-Name")).isEqualTo(name);
        assertThat(header(r, "HX-Target")).isEqualTo(target);
    }

    private static String header(HttpRequest r, String name) {
        String v = r.headers().get(name);
        return v == null ? "(absent)" : v.isEmpty() ? "''" : v;
    }

    @Test
    void htmx12HxHeadersFillMissingHeadersButOverrideNone() {
        for (Dialect d : new Dialect[] {Dialect.HTMX1, Dialect.HTMX2}) {
            TestPage p = TestPage.of(d, "<div class='x' hx-post='/s' hx-headers='{\"HX-Trigger\": \"filled\","
                + " \"HX-Request\": \"no\", \"X-A\": 1, \"X-N\": null}'>x</div>");
            assertThat(p.request(".x").headers()).containsExactly(entry("HX-Request", "true"),
                entry("HX-Trigger", "filled"), entry("HX-Current-URL", TestPage.URL), entry("X-A", "1"),
                entry("Content-Type", "application/x-www-form-urlencoded"));
        }
    }

    @Test
    void htmx4HxHeadersOverrideAnythingAndStringifyNull() {
        TestPage p = TestPage.of(Dialect.HTMX4, "<div class='x' hx-post='/s' hx-headers='{\"HX-Trigger\": \"filled\","
            + " \"HX-Request\": \"no\", \"X-A\": 1, \"X-N\": null}'>x</div>");
        assertThat(p.request(".x").headers()).containsExactly(entry("HX-Request", "no"), entry("HX-Source", "div"),
            entry("HX-Current-URL", TestPage.URL), entry("Accept", "text/html"), entry("HX-Target", "div"),
            entry("HX-Trigger", "filled"), entry("X-A", "1"), entry("X-N", "null"), entry("HX-Request-Type", "partial"),
            entry("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <div id='x' hx-get='/s' hx-target='body'>x</div>      | full    | body
        <div id='x' hx-get='/s' hx-select='.part'>x</div>     | full    | div#x
        <div id='x' hx-get='/s' hx-target='next p'>x</div>    | partial | p#o%20k
        <div id='x' hx-get='/s' hx-target='this'>x</div>      | partial | div#x
        """)
    void htmx4TellsTheRequestTypeAndIdentifiesTheTarget(String html, String type, String target) {
        HttpRequest r = TestPage.of(Dialect.HTMX4, html + "<p id='o k'></p>").request("#x");
        assertThat(r.header("HX-Request-Type")).isEqualTo(type);
        assertThat(r.header("HX-Target")).isEqualTo(target);
    }

    @Test
    void anHxTargetThatMatchesNothingStopsHtmx12ButNotHtmx4() {
        String html = "<div id='x' hx-get='/s' hx-target='#missing'>x</div>";
        for (Dialect d : new Dialect[] {Dialect.HTMX1, Dialect.HTMX2}) {
            Requests.Built b = TestPage.of(d, html).build("#x");
            assertThat(b.request()).isNull();
            assertThat(TestPage.codes(b.warnings())).containsExactly("target-not-found");
        }
        TestPage p = TestPage.of(Dialect.HTMX4, html);
        Requests.Built b = p.build("#x");
        assertThat(b.request().headers()).doesNotContainKey("HX-Target");
        assertThat(b.target()).isSameAs(p.el("#x"));
        assertThat(TestPage.codes(b.warnings())).containsExactly("target-not-found");
    }

    @Test
    void theHtmx4SseExtensionAsksForEventStreamsOnEveryRequest() {
        TestPage p = TestPage
            .withSseExtension("<div id='x' hx-get='/s' hx-headers='{\"Accept\": \"application/json\"}'>"
                + "x</div><div id='y' hx-get='/s'>y</div>");
        assertThat(p.request("#x").header("Accept")).isEqualTo("application/json, text/event-stream");
        assertThat(p.request("#y").header("Accept")).isEqualTo("text/html, text/event-stream");
    }

    @Test
    void aHeaderValueBeyondLatin1IsUriEncodedByHtmx12AndFailsTheHtmx4Fetch() {
        String html = "<div id='x' hx-post='/s' hx-headers='{\"X-Name\": \"Zoë ✓\"}'>x</div>";
        for (Dialect d : new Dialect[] {Dialect.HTMX1, Dialect.HTMX2}) {
            HttpRequest r = TestPage.of(d, html).request("#x");
            assertThat(r.header("X-Name")).isEqualTo("Zo%C3%AB%20%E2%9C%93");
            assertThat(r.header("X-Name-URI-AutoEncoded")).isEqualTo("true");
        }
        Requests.Built b = TestPage.of(Dialect.HTMX4, html).build("#x");
        assertThat(b.request()).isNull();
        assertThat(TestPage.codes(b.warnings())).containsExactly("js-error");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void headersNoPageMaySetAreDropped(Dialect d) {
        Requests.Built b = TestPage
            .of(d, "<div id='x' hx-post='/s' hx-headers='{\"Cookie\": \"a=b\", \"Sec-X\": \"1\"}'>"
                + "x</div>")
            .build("#x");
        assertThat(b.request().header("Cookie")).isNull();
        assertThat(b.request().header("Sec-X")).isNull();
        assertThat(TestPage.codes(b.warnings())).containsExactly("header-forbidden", "header-forbidden");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anInvalidFormSendsNothingUnlessNovalidate(Dialect d) {
        TestPage p = TestPage.of(d, "<form id='f' hx-post='/s'><input name='q' required></form>"
            + "<form id='g' hx-post='/s' novalidate><input name='q' required></form>");
        Requests.Built b = p.build("#f");
        assertThat(b.request()).isNull();
        assertThat(TestPage.codes(b.warnings())).containsExactly("validation-failed");
        assertThat(p.request("#g").body()).isEqualTo("q=");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX1 | http://other.test/x | -
        HTMX2 | -                   | cross-origin
        HTMX4 | -                   | cross-origin
        """)
    void anotherOriginIsRefusedByHtmx2AndTheHtmx4Fetch(Dialect d, String url, String warning) {
        Requests.Built b = TestPage.of(d, "<div id='x' hx-get='http://other.test/x'>x</div>").build("#x");
        assertThat(b.request() == null ? null : b.request().url()).isEqualTo(url);
        assertThat(TestPage.codes(b.warnings())).containsExactlyElementsOf(warning == null ? java.util.List.of()
            : java.util.List.of(warning));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | <a hx-get='/x'>a</a>                            | true
        HTMX2 | <a data-hx-post='/x'>a</a>                      | true
        HTMX2 | <a hx-action='/x'>a</a>                         | false
        HTMX2 | <div hx-disable><a hx-get='/x'>a</a></div>      | false
        HTMX4 | <a hx-action='/x'>a</a>                         | true
        HTMX4 | <a hx-query='/x'>a</a>                          | true
        HTMX4 | <a data-hx-put='/x'>a</a>                       | true
        HTMX4 | <a hx-method='post'>a</a>                       | false
        HTMX4 | <div hx-ignore><a hx-get='/x'>a</a></div>       | false
        HTMX1 | <a hx-query='/x'>a</a>                          | false
        """)
    void requestElementsPerDialect(Dialect d, String html, boolean expected) {
        TestPage p = TestPage.of(d, html);
        assertThat(Requests.isRequestElement(d, p.el("a"))).isEqualTo(expected);
    }

    @Test
    void aDisabledElementSendsNothing() {
        Requests.Built b = TestPage.of(Dialect.HTMX2, "<div hx-disable><a id='a' hx-get='/x'>a</a></div>").build("#a");
        assertThat(b.request()).isNull();
        assertThat(TestPage.codes(b.warnings())).containsExactly("disabled");
    }

    @ParameterizedTest(name = "{0} formmethod={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX1 | GET    | GET  | http://example.test/other | -   | application/x-www-form-urlencoded
        HTMX2 | GET    | GET  | http://example.test/other | -   | application/x-www-form-urlencoded
        HTMX4 | GET    | POST | http://example.test/s     | q=1 | application/x-www-form-urlencoded;charset=UTF-8
        HTMX1 | dialog | POST | http://example.test/other | q=1 | application/x-www-form-urlencoded
        HTMX2 | dialog | -    | -                         | -   | -
        """)
    void aSubmittersFormmethodAndFormactionPerDialect(Dialect d, String formmethod, String method, String url,
        String body, String contentType) {
        TestPage p = TestPage.of(d, "<form id='f' hx-post='/s'><input name='q' value='1'>"
            + "<button id='b' formmethod='" + formmethod + "' formaction='/other'>go</button></form>");
        HttpRequest r = p.build("#f", "#b").request();
        assertThat(r == null ? null : r.method()).isEqualTo(method);
        assertThat(r == null ? null : r.url()).isEqualTo(url);
        assertThat(r == null ? null : r.body()).isEqualTo(body);
        assertThat(r == null ? null : r.header("Content-Type")).isEqualTo(contentType);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        <div id='x' hx-action='/a' hx-method='put' hx-vals='{"x": 1}'>x</div>  | PUT  | http://example.test/a | x=1
        <form id='x' hx-action='/a' method='post'><input name='q' value='v'></form> | POST | http://example.test/a | q=v
        <div id='x' hx-action='/a?k=1'>x</div>                                 | GET  | http://example.test/a?k=1 | -
        """)
    void htmx4TakesItsMethodFromHxMethodOrTheFormAndDefaultsToGet(String html, String method, String url,
        String body) {
        HttpRequest r = TestPage.of(Dialect.HTMX4, html).request("#x");
        assertThat(r.method()).isEqualTo(method);
        assertThat(r.url()).isEqualTo(url);
        assertThat(r.body()).isEqualTo(body.equals("-") ? null : body);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX1 | get  | http://example.test/g?btn=v | -
        HTMX1 | post | http://example.test/g       | a=1&btn=v
        HTMX2 | get  | http://example.test/g?btn=v | -
        HTMX2 | post | http://example.test/g       | a=1&btn=v
        HTMX4 | get  | http://example.test/g?btn=v | -
        HTMX4 | post | http://example.test/g       | a=1&btn=v
        """)
    void aGetLeavesTheEnclosingFormOut(Dialect d, String verb, String url, String body) {
        TestPage p = TestPage.of(d, "<form><input name='a' value='1'><button id='b' hx-" + verb
            + "='/g' name='btn' value='v'>b</button></form>");
        HttpRequest r = p.request("#b");
        assertThat(r.url()).isEqualTo(url);
        assertThat(r.body()).isEqualTo(body);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
        HTMX2 | post | http://example.test/s     | ''
        HTMX4 | post | http://example.test/s     | a=1
        HTMX2 | get  | http://example.test/s     | -
        HTMX4 | get  | http://example.test/s     | -
        """)
    void htmx4PostsAContainersInputsAndHtmx2DoesNot(Dialect d, String verb, String url, String body) {
        HttpRequest r = TestPage.of(d, "<div id='d' hx-" + verb + "='/s'><input name='a' value='1'></div>")
            .request("#d");
        assertThat(r.url()).isEqualTo(url);
        assertThat(r.body()).isEqualTo(body == null ? null : body.replace("''", ""));
    }

    @ParameterizedTest(name = "{0} hx-params={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        HTMX1 | not b | a=1&c=3
        HTMX1 | c,a   | c=3&a=1
        HTMX1 | none  | ''
        HTMX2 | not b | a=1&c=3
        HTMX2 | c,a   | c=3&a=1
        HTMX2 | none  | ''
        """)
    void everyHxParamsFormWorksInRequests(Dialect d, String params, String body) {
        TestPage p = TestPage.of(d, "<form id='f' hx-post='/s' hx-params='" + params + "'><input name='a' value='1'>"
            + "<input name='b' value='2'><input name='c' value='3'></form>");
        assertThat(p.request("#f").body()).isEqualTo(body.replace("''", ""));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void hxIncludeAddsAFieldFromElsewhere(Dialect d) {
        TestPage p = TestPage.of(d, "<input id='extra' name='extra' value='x1'>"
            + "<div id='x' hx-get='/d' hx-include='#extra'>x</div>");
        assertThat(p.request("#x").url()).isEqualTo("http://example.test/d?extra=x1");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void theClickedSubmitButtonIsSent(Dialect d) {
        TestPage p = TestPage.of(d, "<form id='f' hx-post='/s'><input name='a' value='1'>"
            + "<button id='b' name='act' value='go'>go</button></form>");
        assertThat(p.build("#f", "#b").request().body()).isEqualTo("a=1&act=go");
        assertThat(p.request("#f").body()).isEqualTo("a=1");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aMultipartFormIsSentWithTheBrowsersContentType(Dialect d) {
        Requests.Built b = TestPage.of(d, "<form id='f' hx-post='/s' hx-encoding='multipart/form-data'>"
            + "<input name='a' value='1 2'></form>").build("#f");
        String boundary = LegacyRequest.MULTIPART_BOUNDARY;
        assertThat(b.request().header("Content-Type")).isEqualTo("multipart/form-data; boundary=" + boundary);
        assertThat(b.request().body()).isEqualTo("--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"
            + "\r\n1 2\r\n--" + boundary + "--\r\n");
        assertThat(TestPage.codes(b.warnings())).contains("multipart-boundary");
    }

    @Test
    void htmx12NoHeadersLeavesOnlyTheBrowsersContentType() {
        HttpRequest r = TestPage.of(Dialect.HTMX2, "<div id='x' hx-post='/s' hx-request='{\"noHeaders\": true}'"
            + " hx-vals='{\"a\": 1}'>x</div>").request("#x");
        assertThat(r.headers()).containsExactly(entry("Content-Type", "text/plain;charset=UTF-8"));
        assertThat(r.body()).isEqualTo("a=1");
    }

    @Test
    void theUsersAnswersAreAssumedAndSaid() {
        Requests.Built b = TestPage.of(Dialect.HTMX2, "<div id='x' hx-post='/s' hx-confirm='Sure?' hx-prompt='Name?'>"
            + "x</div>").build("#x");
        assertThat(b.request().header("HX-Prompt")).isEqualTo("");
        assertThat(TestPage.codes(b.warnings())).containsExactly("confirm-assumed", "prompt-assumed");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void relativePathsResolveAgainstTheBaseElement(Dialect d) {
        TestPage p = TestPage.of(d, "<base href='/root/'><div id='x' hx-post='items/../list'>x</div>");
        assertThat(p.request("#x").url()).isEqualTo("http://example.test/root/list");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        HTMX1 | http://example.test/g?a=1
        HTMX2 | http://example.test/g?a=1
        HTMX4 | http://example.test/g
        """)
    void hxValsAreInheritedInHtmx12Only(Dialect d, String url) {
        TestPage p = TestPage.of(d, "<div hx-vals='{\"a\": 1}'><div id='x' hx-get='/g'>x</div></div>");
        assertThat(p.request("#x").url()).isEqualTo(url);
    }

    @Test
    void htmx4InheritsWhatAnAncestorMarksInherited() {
        TestPage p = TestPage.of(Dialect.HTMX4, "<div hx-vals:inherited='{\"a\": 1}' hx-target:inherited='#t'>"
            + "<div id='x' hx-get='/g'>x</div></div><p id='t'></p>");
        HttpRequest r = p.request("#x");
        assertThat(r.url()).isEqualTo("http://example.test/g?a=1");
        assertThat(r.header("HX-Target")).isEqualTo("p#t");
    }

    @Test
    void htmx4HxConfigHeadersGoBeforeHxHeaders() {
        HttpRequest r = TestPage.of(Dialect.HTMX4, "<div id='x' hx-get='/g' hx-config='headers.X-A:1'"
            + " hx-headers='{\"X-B\": \"2\"}'>x</div>").request("#x");
        assertThat(r.headers().keySet()).containsExactly("HX-Request", "HX-Source", "HX-Current-URL", "Accept",
            "HX-Target", "X-A", "X-B", "HX-Request-Type");
        assertThat(r.header("X-A")).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        <div id='x' hx-action='/a' hx-method='head' hx-vals='{"a": 1}'>x</div> | bad-method
        <div id='x' hx-get='javascript:alert(1)'>x</div>                          | not-evaluable
        <div id='x' hx-action='/a' hx-method='dialog'>x</div>                     | dialog
        <div id='x' hx-get='/a' hx-target='document'>x</div>                      | js-error
        """)
    void htmx4SendsNothingWhereFetchOrHtmxWouldThrow(String html, String warning) {
        Requests.Built b = TestPage.of(Dialect.HTMX4, html).build("#x");
        assertThat(b.request()).isNull();
        assertThat(TestPage.codes(b.warnings())).containsExactly(warning);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void javaScriptValuesAreLeftOutWithAWarning(Dialect d) {
        Requests.Built b = TestPage.of(d, "<div id='x' hx-get='/g' hx-vals='js:{a: Date.now()}'>x</div>").build("#x");
        assertThat(b.request().url()).isEqualTo("http://example.test/g");
        assertThat(TestPage.codes(b.warnings())).containsExactly("not-evaluable");
    }
}
