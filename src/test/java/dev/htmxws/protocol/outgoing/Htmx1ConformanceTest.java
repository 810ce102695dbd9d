package dev.htmxws.protocol.outgoing;

import static dev.htmxws.protocol.outgoing.Pages.page;
import static dev.htmxws.protocol.outgoing.Pages.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.Warning;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §6, H1 outgoing conformance cases CC-29..CC-32. */
class Htmx1ConformanceTest {
    private static final Dialect H1 = Dialect.HTMX1;

    private static String hdr1(String trigger, String target) {
        return "{\"HX-Request\":\"true\",\"HX-Trigger\":\"" + trigger + "\",\"HX-Trigger-Name\":null,\"HX-Target\":\""
            + target + "\",\"HX-Current-URL\":\"" + Pages.PAGE_URL + "\"}";
    }

    @Test
    void cc29ShapeAndHxTargetIsTheConnectElement() {
        Document d = page("<div id=c hx-ws='connect:/chat'><form id=f hx-ws=send hx-target='#elsewhere'>"
            + "<input name=chat_message value=hi></form><p id=elsewhere></p></div>");
        assertThat(send(H1, d, "#f", null, "submit").frame())
            .isEqualTo("{\"chat_message\":\"hi\",\"HEADERS\":" + hdr1("f", "c") + "}");
    }

    @Test
    void cc30FieldTypes() {
        Document d = page("<div id=c hx-ws='connect:/chat'><form id=f hx-ws=send>" + Htmx2ConformanceTest.CC02_FIELDS
            + "</form></div>");
        assertThat(send(H1, d, "#f", null, "submit").frame()).isEqualTo(
            "{\"t\":[\"a\",\"b\"],\"cb\":[\"1\",\"2\"],\"on1\":\"on\",\"r\":\"y\",\"s\":\"o2\",\"m\":[\"m1\",\"m3\"],"
                + "\"m1\":[\"only\"],\"m0\":[],\"ta\":\"line1\\nline2\",\"file\":[],\"rst\":\"R\",\"h\":\"hid\","
                + "\"n\":\"5\",\"HEADERS\":" + hdr1("f", "c") + "}");
    }

    @Test
    void cc31HxParamsAllForms() {
        String fields = "<input name=a value=1><input name=b value=2></form>";
        Document d = page("<div id=c hx-ws='connect:/chat'><form id=f1 hx-ws=send hx-params='not a'>" + fields
            + "<form id=f2 hx-ws=send hx-params='b, zz, a'>" + fields
            + "<form id=f3 hx-ws=send hx-params=none>" + fields + "</div>");
        assertThat(send(H1, d, "#f1", null, "submit").frame())
            .isEqualTo("{\"b\":\"2\",\"HEADERS\":" + hdr1("f1", "c") + "}");
        assertThat(send(H1, d, "#f2", null, "submit").frame())
            .isEqualTo("{\"b\":\"2\",\"a\":\"1\",\"HEADERS\":" + hdr1("f2", "c") + "}");
        assertThat(send(H1, d, "#f3", null, "submit").frame()).isEqualTo("{\"HEADERS\":" + hdr1("f3", "c") + "}");
    }

    @Test
    void cc32ValidationFailureSendsNothingAndSaysWhichField() {
        Document d = page("<div id=c hx-ws='connect:/chat'><form id=f hx-ws=send><input name=req required>"
            + "<input type=email name=mail value=nope></form></div>");
        Outgoing o = send(H1, d, "#f", null, "submit");
        assertThat(o.sent()).isFalse();
        assertThat(o.warnings()).extracting(Warning::code).containsExactly("validation-failed");
        assertThat(o.warnings().get(0).message()).contains("name=\"req\"").contains("name=\"mail\"")
            .contains("not an email address");
    }

    @Test
    void formnovalidateOnTheClickedButtonSkipsValidation() {
        Document d = page("<div id=c hx-ws='connect:/chat'><form id=f hx-ws=send><input name=req required>"
            + "<button id=skip name=go value=1 formnovalidate>s</button></form></div>");
        assertThat(send(H1, d, "#f", "#skip", "submit").frame())
            .isEqualTo("{\"req\":\"\",\"go\":\"1\",\"HEADERS\":" + hdr1("f", "c") + "}");
    }

    @Test
    void withoutAConnectAncestorNothingIsWired() {
        Document d = page("<form id=f hx-ws=send><input name=a value=1></form>");
        assertThat(send(H1, d, "#f", null, "submit").warnings()).extracting(Warning::code)
            .containsExactly("no-connection");
    }
}
