package dev.htmxws.protocol.outgoing;

import static dev.htmxws.protocol.outgoing.Pages.hdr4;
import static dev.htmxws.protocol.outgoing.Pages.page;
import static dev.htmxws.protocol.outgoing.Pages.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §6, H4 outgoing conformance cases CC-36..CC-39. */
class Htmx4ConformanceTest {
    private static final Dialect H4 = Dialect.HTMX4;

    @Test
    void cc36ShapeSubmitterAndFieldNamedHeaders() {
        Document d = page("<div id=c hx-ws:connect=/chat><form id=f hx-ws:send><input name=chat_message value=hi>"
            + "<input name=headers value=x><button name=action value=B>B</button></form></div>");
        assertThat(send(H4, d, "#f", null, "submit").frame())
            .isEqualTo("{\"chat_message\":\"hi\",\"headers\":" + hdr4("form#f", "form#f") + "}");
        Outgoing withSubmitter = send(H4, d, "#f", "button", "submit");
        assertThat(withSubmitter.frame())
            .isEqualTo("{\"chat_message\":\"hi\",\"action\":\"B\",\"headers\":" + hdr4("form#f", "form#f") + "}");
        assertThat(withSubmitter.warnings()).extracting(Warning::code).containsExactly("field-dropped");
    }

    @Test
    void cc37FieldTypes() {
        Document d = page("<div hx-ws:connect=/c><form id=f hx-ws:send>" + Htmx2ConformanceTest.CC02_FIELDS
            .replace("<input type=number name=n value=5>", "") + "</form></div>");
        assertThat(send(H4, d, "#f", null, "submit").frame()).isEqualTo(
            "{\"t\":[\"a\",\"b\"],\"cb\":[\"1\",\"2\"],\"on1\":\"on\",\"r\":\"y\",\"s\":\"o2\",\"m\":[\"m1\",\"m3\"],"
                + "\"m1\":\"only\",\"ta\":\"line1\\nline2\",\"file\":{},\"h\":\"hid\",\"headers\":"
                + hdr4("form#f", "form#f") + "}");
    }

    @Test
    void cc38ValuesAndHeaders() {
        Document d = page("<div id=c hx-ws:connect=/c hx-vals='{\"parent\":1}' hx-headers:inherited='{\"X-A\":\"1\"}'"
            + " hx-target:inherited='#out'>"
            + "<form id=f hx-ws:send hx-vals='{\"a\":99,\"ok\":true}'><input name=a value=form><input name=z value=zz></form>"
            + "<button id=b hx-ws:send hx-vals='k:v num:5 flag'>b</button>"
            + "<div id=d hx-ws:send><input name=a value=1><input name=dd disabled value=x><button name=bb value=no>b</button></div>"
            + "<button hx-ws:send hx-target=this>x</button><div id=out></div></div>");
        Outgoing form = send(H4, d, "#f", null, "submit");
        assertThat(form.frame())
            .isEqualTo("{\"a\":99,\"z\":\"zz\",\"ok\":true,\"headers\":" + hdr4("form#f", "div#out") + "}");
        assertThat(form.warnings()).extracting(Warning::code).containsExactly("headers-not-sent");
        assertThat(send(H4, d, "#b", null, "click").frame())
            .isEqualTo("{\"k\":\"v\",\"num\":5,\"flag\":true,\"headers\":" + hdr4("button#b", "div#out") + "}");
        assertThat(send(H4, d, "#d", null, "click").frame())
            .isEqualTo("{\"a\":\"1\",\"headers\":" + hdr4("div#d", "div#out") + "}");
        assertThat(send(H4, d, "button[hx-target=this]", null, "click").frame())
            .isEqualTo("{\"headers\":" + hdr4("button", "button") + "}");
    }

    @Test
    void cc39NoConnectionFound() {
        Document d = page("<button id=b hx-ws:send>x</button>");
        Outgoing o = send(H4, d, "#b", null, "click");
        assertThat(o.sent()).isFalse();
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("no-connection");
        assertThat(o.warnings().get(0).message()).contains("No WebSocket connection found for element");
    }

    @Test
    void jsHxValsAreNotEvaluatedAndNoValidationHappens() {
        Document d = page(
            "<div hx-ws:connect=/c><form id=f hx-ws:send hx-vals='js:{n: 1}'><input name=req required></form></div>");
        Outgoing o = send(H4, d, "#f", null, "submit");
        assertThat(o.frame()).isEqualTo("{\"req\":\"\",\"headers\":" + hdr4("form#f", "form#f") + "}");
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("not-evaluable");
    }

    @Test
    void idsAreEncodedWithEncodeUri() {
        Document d = page("<div hx-ws:connect=/c><button id='a b/é' hx-ws:send>x</button></div>");
        assertThat(send(H4, d, "button", null, "click").frame()).contains("\"HX-Source\":\"button#a%20b/%C3%A9\"");
    }
}
