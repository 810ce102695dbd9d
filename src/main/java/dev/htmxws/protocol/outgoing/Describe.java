package dev.htmxws.protocol.outgoing;

import org.jsoup.nodes.Element;

/** Short element descriptions for warning messages: {@code <form id="f">}, {@code <input name="q">}. */
public final class Describe {
    private Describe() {
    }

    public static String of(Element e) {
        StringBuilder sb = new StringBuilder("<").append(e.normalName());
        if (e.hasAttr("id")) {
            sb.append(" id=\"").append(e.attr("id")).append('"');
        } else if (e.hasAttr("name")) {
            sb.append(" name=\"").append(e.attr("name")).append('"');
        }
        return sb.append('>').toString();
    }
}
