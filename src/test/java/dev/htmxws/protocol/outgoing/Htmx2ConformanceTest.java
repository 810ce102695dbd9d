package dev.htmxws.protocol.outgoing;

import static dev.htmxws.protocol.outgoing.Pages.hdr2;
import static dev.htmxws.protocol.outgoing.Pages.page;
import static dev.htmxws.protocol.outgoing.Pages.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §6, H2 outgoing conformance cases CC-01..CC-14 (the parts that concern the frame). */
class Htmx2ConformanceTest {
    private static final Dialect H2 = Dialect.HTMX2;

    static final String CC02_FIELDS = "<input name=t value=a><input name=t value=b>"
        + "<input type=checkbox name=cb value=1 checked><input type=checkbox name=cb value=2 checked>"
        + "<input type=checkbox name=cb value=3><input type=checkbox name=on1 checked>"
        + "<input type=radio name=r value=x><input type=radio name=r value=y checked>"
        + "<select name=s><option>o1</option><option selected>o2</option></select>"
        + "<select multiple name=m><option selected>m1</option><option>m2</option><option selected>m3</option></select>"
        + "<select multiple name=m1><option selected>only</option></select>"
        + "<select multiple name=m0><option>none</option></select>"
        + "<textarea name=ta>line1\nline2</textarea><input name=dis value=d disabled>"
        + "<fieldset disabled><input name=fsd value=f></fieldset><input value=unnamed>"
        + "<input type=file name=file><input type=reset name=rst value=R><input type=image name=img>"
        + "<input type=button name=btn value=B><input type=hidden name=h value=hid>"
        + "<input type=number name=n value=5><button type=submit name=sb>go</button>";

    @Test
    void cc01BasicForm() {
        Document d = page(
            "<div id=conn hx-ext=ws ws-connect=/chat><form id=f ws-send><input name=chat_message value=hi></form></div>");
        assertThat(send(H2, d, "#f", null, "submit").frame())
            .isEqualTo("{\"chat_message\":\"hi\",\"HEADERS\":" + hdr2("f", null, "f") + "}");
    }

    @Test
    void cc02FieldTypes() {
        Document d = page("<div hx-ext=ws ws-connect=/c><form id=f ws-send>" + CC02_FIELDS + "</form></div>");
        assertThat(send(H2, d, "#f", null, "submit").frame()).isEqualTo(
            "{\"t\":[\"a\",\"b\"],\"cb\":[\"1\",\"2\"],\"on1\":\"on\",\"r\":\"y\",\"s\":\"o2\",\"m\":[\"m1\",\"m3\"],"
                + "\"m1\":\"only\",\"ta\":\"line1\\nline2\",\"h\":\"hid\",\"n\":\"5\",\"HEADERS\":"
                + hdr2("f", null, "f") + "}");
    }

    @Test
    void cc03ClickedSubmitButton() {
        Document d = page("<div hx-ext=ws ws-connect=/c><form id=f ws-send><input type=hidden name=foo value=bar>"
            + "<button id=b1 type=submit name=action value=A>A</button><button id=b2 name=action value=B>B</button></form></div>");
        assertThat(send(H2, d, "#f", "#b2", "submit").frame())
            .isEqualTo("{\"foo\":\"bar\",\"action\":\"B\",\"HEADERS\":" + hdr2("f", null, "f") + "}");
    }

    @Test
    void cc04JsValuesAreDroppedWithAWarningAndJsonOnesKeepOrderAndTypes() {
        Document d = page(
            "<div hx-ext=ws ws-connect=ws://x/y hx-vals='{\"a\":\"parent\",\"n\":1,\"obj\":{\"k\":[1,2]}}' hx-vars='v: 1+1'>"
                + "<form id=f ws-send hx-vals=\"js:{a: 'child', n: 40+2}\"><input name=a value=form><input name=z value=zz></form></div>");
        Outgoing o = send(H2, d, "#f", null, "submit");
        // the browser sends {"a":"child","z":"zz","v":2,"n":42,"obj":…}; without JS the parent's JSON fills in
        assertThat(o.frame()).isEqualTo("{\"a\":\"parent\",\"z\":\"zz\",\"n\":1,\"obj\":{\"k\":[1,2]},\"HEADERS\":"
            + hdr2("f", null, "f") + "}");
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("not-evaluable", "not-evaluable");
        assertThat(o.warnings().get(0).message()).contains("hx-vars").contains("<div");
        assertThat(o.warnings().get(1).message()).contains("hx-vals").contains("<form id=\"f\">");
    }

    @Test
    void cc05HxValsWithoutBraces() {
        Document d = page(
            "<div hx-ext=ws ws-connect=/c><button id=b ws-send hx-vals='\"k\":\"v\",\"n\":2'>x</button></div>");
        assertThat(send(H2, d, "#b", null, "click").frame())
            .isEqualTo("{\"k\":\"v\",\"n\":2,\"HEADERS\":" + hdr2("b", null, "b") + "}");
    }

    @Test
    void cc06HxParams() {
        String form = "<input name=a value=1><input name=b value=2></form>";
        Document d = page("<div hx-ext=ws ws-connect=/c><div hx-params=none><form id=f1 ws-send>" + form + "</div>"
            + "<form id=f2 ws-send hx-params='*'>" + form + "<form id=f3 ws-send hx-params='not a'>" + form
            + "<form id=f4 ws-send hx-params='b'>" + form + "</div>");
        assertThat(send(H2, d, "#f1", null, "submit").frame())
            .isEqualTo("{\"HEADERS\":" + hdr2("f1", null, "f1") + "}");
        assertThat(send(H2, d, "#f2", null, "submit").frame())
            .isEqualTo("{\"a\":\"1\",\"b\":\"2\",\"HEADERS\":" + hdr2("f2", null, "f2") + "}");
        for (String f : new String[] {"#f3", "#f4"}) {
            Outgoing o = send(H2, d, f, null, "submit");
            assertThat(o.sent()).isFalse();
            assertThat(o.warnings()).extracting(Warning::code).containsExactly("hx-params-crash");
            assertThat(o.warnings().get(0).message()).contains("hx-params=").contains("\"none\" and \"*\"");
        }
    }

    @Test
    void cc07HxHeadersCannotOverrideBuiltInsButFillNulls() {
        Document d = page(
            "<div hx-ext=ws ws-connect=ws://x/y hx-headers='{\"X-Csrf\":\"tok\",\"HX-Request\":\"false\",\"HX-Trigger\":\"fromheaders\"}'>"
                + "<button ws-send name=nm>x</button></div>");
        assertThat(send(H2, d, "button", null, "click").frame())
            .isEqualTo("{\"nm\":\"\",\"HEADERS\":{\"HX-Request\":\"true\","
                + "\"HX-Trigger\":\"fromheaders\",\"HX-Trigger-Name\":\"nm\",\"HX-Target\":null,\"HX-Current-URL\":\""
                + Pages.PAGE_URL + "\",\"X-Csrf\":\"tok\"}}");
    }

    @Test
    void cc08HxTargetResolution() {
        Document d = page("<div id=c hx-ext=ws ws-connect=ws://x/y hx-target='#out'><button id=b1 ws-send>1</button>"
            + "<button id=b2 ws-send hx-target=this>2</button><button id=b3 ws-send hx-target=span>3</button>"
            + "<button id=b4 ws-send hx-target='#missing'>4</button><span>s</span><div id=out></div></div>");
        assertThat(send(H2, d, "#b1", null, "click").frame()).contains("\"HX-Target\":\"out\"");
        assertThat(send(H2, d, "#b2", null, "click").frame()).contains("\"HX-Target\":\"b2\"");
        assertThat(send(H2, d, "#b3", null, "click").frame()).contains("\"HX-Target\":null");
        assertThat(send(H2, d, "#b4", null, "click").frame()).contains("\"HX-Target\":false"); // recorded, not null
    }

    @Test
    void cc09WhatANonFormSendElementContributes() {
        Document d = page("<div hx-ext=ws ws-connect=/c><div id=d ws-send><input name=a value=1></div>"
            + "<input id=i ws-send name=solo value=changed>"
            + "<form id=f><input name=a value=1><button id=b ws-send name=go value=yes>go</button></form></div>");
        assertThat(send(H2, d, "#d", null, "click").frame()).isEqualTo("{\"HEADERS\":" + hdr2("d", null, "d") + "}");
        assertThat(send(H2, d, "#i", null, "change").frame())
            .isEqualTo("{\"solo\":\"changed\",\"HEADERS\":" + hdr2("i", "solo", "i") + "}");
        assertThat(send(H2, d, "#b", null, "click").frame())
            .isEqualTo("{\"a\":\"1\",\"go\":\"yes\",\"HEADERS\":" + hdr2("b", "go", "b") + "}");
    }

    @Test
    void cc10HxInclude() {
        Document d = page(
            "<div hx-ext=ws ws-connect=/c><button id=b ws-send hx-include=\"#extra, [name='solo']\">x</button>"
                + "<div id=extra><input name=e1 value=E1><select name=e2><option>E2</option></select></div>"
                + "<input name=solo value=S></div>");
        assertThat(send(H2, d, "#b", null, "click").frame())
            .isEqualTo("{\"e1\":\"E1\",\"e2\":\"E2\",\"solo\":\"S\",\"HEADERS\":" + hdr2("b", null, "b") + "}");
    }

    @Test
    void cc11ValidationHaltsUnlessNovalidate() {
        Document d = page("<div hx-ext=ws ws-connect=/c><form id=f ws-send><input name=req required></form>"
            + "<form id=g ws-send novalidate><input name=req required></form></div>");
        Outgoing halted = send(H2, d, "#f", null, "submit");
        assertThat(halted.sent()).isFalse();
        assertThat(halted.warnings()).extracting(Warning::code).containsExactly("validation-failed");
        assertThat(halted.warnings().get(0).message()).contains("<input name=\"req\">").contains("required");
        assertThat(send(H2, d, "#g", null, "submit").frame())
            .isEqualTo("{\"req\":\"\",\"HEADERS\":" + hdr2("g", null, "g") + "}");
    }

    @Test
    void cc12JsCounterIsNotEvaluable() {
        Document d = page(
            "<div hx-ext=ws ws-connect=/c><button id=b ws-send hx-vals='js:{n: counter++}'>x</button></div>");
        Outgoing o = send(H2, d, "#b", null, "click");
        assertThat(o.frame()).isEqualTo("{\"HEADERS\":" + hdr2("b", null, "b") + "}");
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("not-evaluable");
    }

    @Test
    void cc13FieldNameCollisionsAreDropped() {
        Document d = page(
            "<div hx-ext=ws ws-connect=/c><form id=f ws-send><input name=values value=1><input name=get value=2>"
                + "<input name=toString value=3><input name=ok value=4><input name=HEADERS value=5></form></div>");
        Outgoing o = send(H2, d, "#f", null, "submit");
        assertThat(o.frame()).isEqualTo("{\"ok\":\"4\",\"HEADERS\":" + hdr2("f", null, "f") + "}");
        assertThat(o.warnings()).extracting(Warning::code).containsOnly("field-dropped").hasSize(3);
    }

    @Test
    void cc14SelectChangeAndAnchorClick() {
        Document d = page(
            "<div hx-ext=ws ws-connect=/c><select id=s name=s ws-send><option>a</option><option selected>b</option></select>"
                + "<a id=a href=/nav ws-send>go</a></div>");
        assertThat(send(H2, d, "#s", null, "change").frame())
            .isEqualTo("{\"s\":\"b\",\"HEADERS\":" + hdr2("s", "s", "s") + "}");
        assertThat(send(H2, d, "#a", null, "click").frame()).isEqualTo("{\"HEADERS\":" + hdr2("a", null, "a") + "}");
    }

    @Test
    void noConnectElementMeansNothingIsSent() {
        Document d = page("<form id=f ws-send><input name=a value=1></form>");
        Outgoing o = send(H2, d, "#f", null, "submit");
        assertThat(o.sent()).isFalse();
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("no-connection");
    }

    @Test
    void hxValsUnsetDropsEveryHxValsBelowIt() {
        // getValuesForElement returns null from the whole walk when it meets "unset"
        Document d = page(
            "<div hx-ext=ws ws-connect=/c hx-vals=unset><button id=b ws-send hx-vals='{\"k\":1}'>x</button></div>");
        Outgoing o = send(H2, d, "#b", null, "click");
        assertThat(o.frame()).isEqualTo("{\"HEADERS\":" + hdr2("b", null, "b") + "}");
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("unset-discards");
    }

    @Test
    void formAttributeAndIncludedFieldOverriddenByFormMovesToTheEnd() {
        Document d = page("<div hx-ext=ws ws-connect=/c><input id=dup name=a value=included>"
            + "<form id=f ws-send hx-include='#dup, #other'><input name=a value=form><input name=z value=zz></form>"
            + "<input id=other name=o value=O form=nowhere></div>");
        assertThat(send(H2, d, "#f", null, "submit").frame())
            .isEqualTo("{\"o\":\"O\",\"a\":\"form\",\"z\":\"zz\",\"HEADERS\":" + hdr2("f", null, "f") + "}");
    }

    @Test
    void integerLikeFieldNamesComeFirstLikeAnyJsObject() {
        Document d = page(
            "<div hx-ext=ws ws-connect=/c><form id=f ws-send><input name=b value=1><input name=10 value=x>"
                + "<input name=2 value=y></form></div>");
        assertThat(send(H2, d, "#f", null, "submit").frame())
            .isEqualTo("{\"2\":\"y\",\"10\":\"x\",\"b\":\"1\",\"HEADERS\":" + hdr2("f", null, "f") + "}");
    }
}
