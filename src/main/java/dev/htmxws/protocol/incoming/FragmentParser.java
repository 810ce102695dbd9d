package dev.htmxws.protocol.incoming;

import java.util.ArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/** Turns message text into a fragment exactly as each htmx version's makeFragment does (docs/spec/protocol.md §2.1). */
final class FragmentParser {
    private FragmentParser() {
    }

    /** The tag name of the fragment root; not a real element name, so no selector or rule can hit it. */
    static final String CONTAINER_TAG = "htmxws-fragment";

    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>[\\s\\S]*?</head>", Pattern.CASE_INSENSITIVE);
    /** h1/h2 getStartTag. */
    private static final Pattern START_TAG_H2 = Pattern.compile("<([a-z][^/\\x00>\\x20\\t\\r\\n\\f]*)",
        Pattern.CASE_INSENSITIVE);
    /** h4 #makeFragment start tag (no NUL in the class). */
    private static final Pattern START_TAG_H4 = Pattern.compile("<([a-z][^/>\\x20\\t\\r\\n\\f]*)",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern HX_OPEN = Pattern.compile("<hx-([a-z]+)(\\s+|>)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HX_CLOSE = Pattern.compile("</hx-[a-z]+>", Pattern.CASE_INSENSITIVE);

    static Element newContainer() {
        return new Element(CONTAINER_TAG);
    }

    private static String startTag(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "";
    }

    private static Document parseDocument(String html) {
        Document d = Jsoup.parse(html);
        d.outputSettings().prettyPrint(false);
        return d;
    }

    /** Moves all child nodes of {@code from} into a new container. */
    private static Element takeChildren(Element from) {
        Element c = newContainer();
        c.appendChildren(new ArrayList<>(from.childNodes()));
        return c;
    }

    /** Parses inside {@code <template>} (HTML "template contents" mode keeps tr/td/option at top level). */
    private static Element parseInTemplate(String html) {
        Document d = parseDocument("<body><template class=\"internal-htmx-wrapper\">" + html + "</template></body>");
        Element t = d.body().selectFirst("template");
        return t == null ? newContainer() : takeChildren(t);
    }

    /** h2 › makeFragment. The ws extension ignores the title, but it is reported. */
    static Fragment h2(String response) {
        String noHead = HEAD.matcher(response).replaceFirst("");
        String start = startTag(START_TAG_H2, noHead);
        if (start.equals("html")) {
            Document d = parseDocument(response);
            return new Fragment(takeChildren(d.body()), d.title());
        }
        if (start.equals("body")) {
            Document d = parseDocument(noHead);
            return new Fragment(takeChildren(d.body()), d.title());
        }
        Element c = parseInTemplate(noHead);
        String title = null;
        // querySelector('title') finds the first title at any depth; it is removed only if it is a direct child
        for (Element e : Nodes.descendants(c)) {
            if (e.normalName().equals("title")) {
                if (e.parent() == c) {
                    title = e.text();
                    e.remove();
                }
                break;
            }
        }
        return new Fragment(c, title);
    }

    /** h1 › makeFragment with useTemplateFragments=false: wrapper chosen by the start tag, walked by firstChild. */
    static Fragment h1(String response) {
        String start = startTag(START_TAG_H2, response);
        String content = start.equals("head") ? HEAD.matcher(response).replaceFirst("") : response;
        String wrapped;
        int depth;
        switch (start) {
            case "thead", "tbody", "tfoot", "colgroup", "caption" -> {
                wrapped = "<table>" + content + "</table>";
                depth = 1;
            }
            case "col" -> {
                wrapped = "<table><colgroup>" + content + "</colgroup></table>";
                depth = 2;
            }
            case "tr" -> {
                wrapped = "<table><tbody>" + content + "</tbody></table>";
                depth = 2;
            }
            case "td", "th" -> {
                wrapped = "<table><tbody><tr>" + content + "</tr></tbody></table>";
                depth = 3;
            }
            case "script", "style" -> {
                wrapped = "<div>" + content + "</div>";
                depth = 1;
            }
            default -> {
                wrapped = content;
                depth = 0;
            }
        }
        Document d = parseDocument(wrapped);
        Node node = d.body();
        while (depth > 0 && node != null) {
            depth--;
            node = node.childNodeSize() > 0 ? node.childNode(0) : null; // firstChild, text nodes included
        }
        if (!(node instanceof Element e)) {
            return new Fragment(newContainer(), null);
        }
        return new Fragment(takeChildren(e), d.title());
    }

    /** h4 › #makeFragment. */
    static Fragment h4(String text) {
        String response = HX_OPEN.matcher(text).replaceAll("<template hx type=\"$1\"$2");
        response = HX_CLOSE.matcher(response).replaceAll("</template>");
        String title = "";
        Matcher head = HEAD.matcher(response);
        if (head.find()) {
            title = parseDocument(head.group()).title();
            response = response.substring(0, head.start()) + response.substring(head.end());
        }
        String start = startTag(START_TAG_H4, response);
        Element c;
        if (start.equals("html") || start.equals("body")) {
            Document d = parseDocument(response);
            c = newContainer();
            c.appendChild(d.body()); // the <body> element itself; stripped at insertion
        } else {
            c = parseInTemplate(response);
        }
        if (title.isEmpty()) {
            // querySelector('title:not(svg title)'): first title anywhere, not inside svg or template content
            for (Element e : Nodes.descendants(c)) {
                if (e.normalName().equals("title") && !Nodes.hasAncestor(e, "svg", c)) {
                    title = e.text();
                    e.remove();
                    break;
                }
            }
        }
        return new Fragment(c, title.isEmpty() ? null : title);
    }
}
