package dev.htmxws.dom;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The oracle's DOM normalisation (oracle README "DOM normalisation", {@code lib/canon-dom.js}) on a jsoup
 * tree, so recorded browser results can be compared byte for byte. Form state is expected to live in
 * attributes already (rule 6 is then the identity).
 */
public final class Canonical {
    private Canonical() {
    }

    static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr", "param", "keygen");
    private static final Set<String> RAW_TEXT = Set.of("script", "style");
    private static final Set<String> TRANSIENT_CLASSES = Set.of("htmx-added", "htmx-settling", "htmx-swapping",
        "htmx-request");
    private static final Set<String> DROPPED_ATTRS = Set.of("data-htmx-powered");

    /** Canonical form of the children of {@code parent}, trimmed like the oracle's body serialisation. */
    public static String children(Element parent) {
        StringBuilder out = new StringBuilder();
        serialiseChildren(parent, false, out);
        return JsText.trim(out.toString());
    }

    /** Canonical form of one element including its own tag (not trimmed: there is nothing to trim). */
    public static String element(Element e) {
        StringBuilder out = new StringBuilder();
        String tag = startTag(e, out);
        if (!VOID.contains(tag)) {
            serialiseChildren(e, RAW_TEXT.contains(tag), out);
            out.append("</").append(tag).append('>');
        }
        return out.toString();
    }

    /** Where the walk is in one element's children; {@code closeTag} null for the element the walk started in. */
    private static final class Frame {
        final Element parent;
        final boolean raw;
        final String closeTag;
        int index;
        StringBuilder text; // pending merged text run; comments do not end it

        Frame(Element parent, boolean raw, String closeTag) {
            this.parent = parent;
            this.raw = raw;
            this.closeTag = closeTag;
        }
    }

    /** Walks with a stack of its own, not the call stack: a page a server built can be 100,000 levels deep. */
    private static void serialiseChildren(Element root, boolean rootRaw, StringBuilder out) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, rootRaw, null));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.index == f.parent.childNodeSize()) {
                flush(f.text, f.raw, out);
                stack.pop();
                if (f.closeTag != null) {
                    out.append("</").append(f.closeTag).append('>');
                }
                continue;
            }
            Node n = f.parent.childNode(f.index++);
            if (n instanceof TextNode t) { // CDataNode is a TextNode too
                f.text = f.text == null ? new StringBuilder() : f.text;
                f.text.append(t.getWholeText());
            } else if (n instanceof DataNode d) { // jsoup's form of script/style text
                f.text = f.text == null ? new StringBuilder() : f.text;
                f.text.append(d.getWholeData());
            } else if (n instanceof Element e) {
                flush(f.text, f.raw, out);
                f.text = null;
                String tag = startTag(e, out);
                if (!VOID.contains(tag)) {
                    stack.push(new Frame(e, RAW_TEXT.contains(tag), tag));
                }
            }
        }
    }

    private static void flush(StringBuilder text, boolean raw, StringBuilder out) {
        if (text == null) {
            return;
        }
        String t = collapse(text);
        if (!t.isEmpty() && !t.equals(" ")) {
            out.append(raw ? t : escapeText(t));
        }
    }

    /** Writes the start tag with its canonical attributes; returns the tag name. */
    private static String startTag(Element e, StringBuilder out) {
        String tag = e.normalName();
        out.append('<').append(tag);
        for (Attribute a : e.attributes()) {
            String name = a.getKey();
            if (DROPPED_ATTRS.contains(name)) {
                continue;
            }
            String value = a.getValue();
            if (name.equals("class")) {
                value = withoutTransientClasses(value);
                if (value.isEmpty()) {
                    continue;
                }
            }
            out.append(' ').append(name).append("=\"").append(escapeAttr(value)).append('"');
        }
        out.append('>');
        return tag;
    }

    private static String withoutTransientClasses(String value) {
        StringBuilder b = new StringBuilder();
        for (String token : value.split("[ \t\n\f\r]+")) {
            if (!token.isEmpty() && !TRANSIENT_CLASSES.contains(token)) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(token);
            }
        }
        return b.toString();
    }

    static String collapse(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean inSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (JsText.isAsciiWhitespace(c)) {
                if (!inSpace) {
                    b.append(' ');
                }
                inSpace = true;
            } else {
                b.append(c);
                inSpace = false;
            }
        }
        return b.toString();
    }

    static String escapeText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String escapeAttr(String s) {
        return escapeText(s).replace("\"", "&quot;");
    }
}
