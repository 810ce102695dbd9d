package dev.htmxws.protocol.outgoing;

import dev.htmxws.protocol.Dialect;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Small helpers for building real jsoup pages in tests. */
final class Pages {
    static final String PAGE_URL = "http://example.test/app/page.html?room=1#top";

    private Pages() {
    }

    static Document page(String body) {
        return Jsoup.parse("<!DOCTYPE html><html><head><title>t</title></head><body>" + body + "</body></html>",
            PAGE_URL);
    }

    static String hdr2(String trigger, String name, String target) {
        return "{\"HX-Request\":\"true\",\"HX-Trigger\":" + q(trigger) + ",\"HX-Trigger-Name\":" + q(name)
            + ",\"HX-Target\":" + q(target) + ",\"HX-Current-URL\":\"" + PAGE_URL + "\"}";
    }

    static String hdr4(String source, String target) {
        return "{\"HX-Request\":\"true\",\"HX-Source\":\"" + source + "\",\"HX-Current-URL\":\"" + PAGE_URL
            + "\",\"HX-Target\":\"" + target + "\"}";
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    /** Builds with the connect element found the way each dialect finds it (nearest ancestor). */
    static Outgoing send(Dialect d, Document doc, String sendSel, String submitterSel, String event) {
        Element send = doc.selectFirst(sendSel);
        Element submitter = submitterSel == null ? null : doc.selectFirst(submitterSel);
        Element connect = null;
        for (Element p = send; p != null; p = p.parent()) {
            boolean isConnect = switch (d) {
                case HTMX1 -> p.attr("hx-ws").contains("connect:");
                case HTMX2 -> p.hasAttr("ws-connect");
                case HTMX4 -> p.hasAttr("hx-ws:connect");
            };
            if (isConnect) {
                connect = p;
                break;
            }
        }
        return new OutgoingMessageBuilder(d).build(send, connect, submitter, PAGE_URL, event);
    }
}
