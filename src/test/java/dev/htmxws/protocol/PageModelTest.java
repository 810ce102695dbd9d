package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** docs/spec/protocol.md §3.1 and CC-28, CC-34: which elements connect and send, and through which socket. */
class PageModelTest {

    @Test
    void htmx2NeedsTheExtensionActive() {
        Document doc = Jsoup.parse("<div ws-connect='/a'></div><div hx-ext='ws'><p ws-connect='/b'></p></div>"
            + "<div hx-ext='ws'><div hx-ext='ignore:ws'><i ws-connect='/c'></i></div></div>");
        // the outer hx-ext="ws" element's scan selects every [ws-connect] below it, a nested ignore:ws included
        assertThat(PageModel.socketsFor(Dialect.HTMX2, doc.body())).extracting(PageModel.Socket::url)
            .containsExactly("/b", "/c");
    }

    @Test
    void htmx2OpensASecondSocketForAProcessedDescendant() {
        // CC-28: <div hx-ext="ws"><form ws-connect … ws-send> → two sockets, sends use the second
        Document doc = Jsoup.parse("<div hx-ext='ws'><form id='f' ws-connect='/y' ws-send></form></div>"
            + "<div hx-ext='ws' ws-connect='/one'></div>");
        List<PageModel.Socket> sockets = PageModel.socketsFor(Dialect.HTMX2, doc.body());
        assertThat(sockets).extracting(PageModel.Socket::url).containsExactly("/y", "/y", "/one");
        assertThat(PageModel.connectFor(Dialect.HTMX2, doc.getElementById("f"))).isSameAs(doc.getElementById("f"));
    }

    @Test
    void htmx2LegacyHxWsUnderTheExtension() {
        Document doc = Jsoup.parse("<div hx-ext='ws' hx-ws='connect:/legacy'><form id='f' hx-ws='send'></form>"
            + "<form id='g' ws-send hx-ws='connect:/x'></form></div>");
        assertThat(PageModel.connectUrl(Dialect.HTMX2, doc.selectFirst("div"))).isEqualTo("/legacy");
        assertThat(PageModel.isSend(Dialect.HTMX2, doc.getElementById("f"))).isTrue();
        assertThat(PageModel.isSend(Dialect.HTMX2, doc.getElementById("g"))).as("C5: hx-ws other than send").isFalse();
    }

    @Test
    void htmx1GrammarAndOrder() {
        Document doc = Jsoup
            .parse("<div id='a' hx-ws='send connect:ws://x/y'></div><div id='b' hx-ws='connect:/p connect:/q'>"
                + "<form id='f' hx-ws='send'></form></div><div id='c' hx-ws='CONNECT:/x connect: connect'></div>");
        assertThat(PageModel.socketsFor(Dialect.HTMX1, doc.body())).extracting(PageModel.Socket::url)
            .containsExactly("ws://x/y", "/p", "/q");
        assertThat(PageModel.connectFor(Dialect.HTMX1, doc.getElementById("a"))).as("send before connect").isNull();
        assertThat(PageModel.connectFor(Dialect.HTMX1, doc.getElementById("f"))).isSameAs(doc.getElementById("b"));
        assertThat(PageModel.isConnect(Dialect.HTMX1, doc.getElementById("c"))).isFalse();
    }

    @Test
    void htmx4ConnectsOnLoadUnlessTriggeredOtherwise() {
        Document doc = Jsoup.parse("<div id='a' hx-ws:connect='/a'><button id='s' hx-ws:send>x</button></div>"
            + "<div hx-ws:connect='/b' hx-trigger='click'></div><div ws-connect='/legacy'><form id='f' ws-send></form></div>");
        assertThat(PageModel.socketsFor(Dialect.HTMX4, doc.body())).extracting(PageModel.Socket::url)
            .containsExactly("/a", "/legacy");
        assertThat(PageModel.connectFor(Dialect.HTMX4, doc.getElementById("s"))).isSameAs(doc.getElementById("a"));
        assertThat(PageModel.sendElements(Dialect.HTMX4, doc.body())).hasSize(2);
    }

    @Test
    void detection() {
        assertThat(PageModel.detect(Jsoup.parse("<div hx-ws:connect='/x'>")).dialect()).isEqualTo(Dialect.HTMX4);
        assertThat(PageModel
            .detect(Jsoup
                .parse("<script src='https://unpkg.com/htmx.org@1.9.12'></script><div hx-ext='ws' ws-connect='/x'>"))
            .dialect()).isEqualTo(Dialect.HTMX1);
        assertThat(PageModel.detect(Jsoup.parse("<div hx-ws='connect:/x'>")).dialect()).isEqualTo(Dialect.HTMX1);
        assertThat(PageModel.detect(Jsoup.parse("<script src='/htmx/htmx.js'></script><div hx-sse='connect:/posts'>"))
            .dialect()).as("htmx 1's hx-sse, htmx loaded from a path without its version").isEqualTo(Dialect.HTMX1);
        assertThat(PageModel.detect(Jsoup.parse("<div hx-ext='ws' ws-connect='/x'>")).dialect())
            .isEqualTo(Dialect.HTMX2);
        assertThat(PageModel.detect(Jsoup.parse("<p>")).reason()).contains("default");
    }
}
