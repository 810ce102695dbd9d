package dev.htmxws.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Hostile server messages from one {@link Random}: markup built from a grammar of the elements and attributes
 * htmx reads (out-of-band swaps with odd selectors, partials, triggers, socket URLs, JSON envelopes), real
 * messages mutated byte by byte and range by range, random text, random bytes, and deep nesting.
 */
public final class HtmlFuzzer {

    private static final List<String> TAGS = List.of("div", "span", "p", "ul", "li", "table", "tbody", "thead", "tr",
        "td", "th", "template", "svg", "math", "title", "head", "body", "html", "select", "option", "form", "input",
        "button", "textarea", "script", "style", "noscript", "iframe", "a", "b", "i", "hx-partial", "hx-foo",
        "custom-el", "frameset", "plaintext", "xmp", "colgroup", "col", "caption", "h1", "img", "br", "label",
        "object", "dialog", "details", "summary", "pre", "nobr", "font");
    private static final List<String> IDS = List.of("a", "b", "t", "log", "list", "status", "chat_room", "null", "",
        "1x", "a.b", "x y", "it's", "a'b'c", "é", "#a", "a\"b", "--", "-1", "\\", "\u0000", "body", "ws", "leaf");
    private static final List<String> STYLES = List.of("true", "outerHTML", "innerHTML", "beforebegin", "afterbegin",
        "beforeend", "afterend", "delete", "none", "textContent", "innerMorph", "outerSync", "morph", "", "false",
        "bogus", "innerHTML swap:10ms", "beforeend target:#log", "innerHTML strip:false", "outerHTML settle:0ms",
        "beforeend scroll:top", "innerHTML swap:1s:#x", "innerHTML {\"swap\":", "beforeend {x}", "outerHTML {}");
    private static final List<String> SELECTORS = List.of("#a", "#log", ".x", "body", "html", "*", "div", "div > p",
        "#a, #b", ":::", "#", "[", "a[b=", "closest div", "find p", "next", "previous", "this", "document", "window",
        "global #a", "#a b c", "li:nth-child(2n+1)", ":is(#a,#b)", "p:not(.x)", "#\\31 x", "[id='a'b']", "tr td",
        "template", "\u0000", "#a\n", "ws", "findAll li", "host", "next div", "previous ul");
    private static final List<String> URLS = List.of("/ws", "ws://127.0.0.1:1/x", "wss://[::1]:99999/",
        "javascript:alert(1)",
        "", " ", "%zz", "http://x/y", "//host/ws", "ws:", "chat", "ws://a b/", "ws://x/#frag", "data:text/html,x",
        "\u0000", "ws://" + "a".repeat(300) + "/");
    private static final List<String> TRIGGERS = List.of("load", "every 1s", "every 0s", "click", "click delay:100ms",
        "revealed", "intersect", "sse:message", "keyup changed delay:500ms from:body", "submit", "load, every 2s",
        "click[event.x]", "every", "delay:", "from:", "click throttle:-1ms", "click queue:all", "ws:open", "htmx:load",
        "custom consume once", "click from:closest div", "every 1ms [true]", ",,,", "load delay:99999999999999999999s",
        "click from:closest :::", "keyup from:find [", "click from:\uFFFD", "click target:\uFFFD", "click target:[");
    private static final List<String> VALS = List.of("{\"a\":1}", "{\"a\":", "js:{a:1}", "[1,2]", "null", "\"x\"",
        "{" + "\"a\":{".repeat(60) + "}".repeat(61), "{\"a\":\"" + "\\u0000".repeat(4) + "\"}", "ws.protocols:[\"v1\"]",
        "a:1, b:\"x\"", "{}");
    private static final List<String> TEXTS = List.of("text", "&amp;", "&", "&#0;", "&#x110000;", "&#99999999;",
        "&lt;div&gt;", "\u0000", "\uD800", "\uDC00x", "\r\n", "\r", "\u202E", "\uFEFF", "<![CDATA[x]]>", "<!-- c -->",
        "<!--", "-->", "<!DOCTYPE html>", "<?xml version=\"1.0\"?>", "</>", "< div>", "<div/>", "</div>", "</p>",
        "<br/>", "&nbsp;", "😀", "\t", " ", "{{ x }}", "${x}", "</template>", "</hx-partial>", "<hx-", "</hx-x>");
    private static final List<String> NOISE = List.of("<", ">", "\"", "'", "=", "/", " ", "\n", "<div>", "</div>",
        "<template>", "</template>", "<hx-partial hx-target='#a'>", "</hx-partial>", "<table>", "<tr>", "<td>",
        " hx-swap-oob='true'", " hx-swap-oob=\"beforeend:#log\"", " id='a'", " id=\"\"", "<title>T</title>",
        "<head>", "</head>", "<body>", "<html>", "<svg>", "\u0000", "\uD83D", "&", "<!--", "-->", "<script>",
        "</script>", " ws-send", " ws-connect='/ws'", " hx-ws:connect='/x'", " hx-trigger='every 1s'", "{", "}",
        "\"content\":", "\r");

    private static final String PUNCTUATION = "<>/=\"' &;#!-[]{}:.";
    /** The emoji is two chars: a word may end up with half of it, a lone surrogate. */
    private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_:.#é€😀";

    private final Random r;
    private final int maxDepth;

    public HtmlFuzzer(Random r) {
        this(r, 6);
    }

    public HtmlFuzzer(Random r, int maxDepth) {
        this.r = r;
        this.maxDepth = maxDepth;
    }

    /** Markup from the grammar: a few top-level nodes, some out-of-band, some partials. */
    public String markup() {
        StringBuilder b = new StringBuilder();
        int top = 1 + r.nextInt(5);
        for (int i = 0; i < top; i++) {
            node(b, 0);
        }
        return b.toString();
    }

    /** An htmx 4 JSON envelope around markup, sometimes broken. */
    public String jsonEnvelope() {
        String html = markup().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
        String body = switch (r.nextInt(6)) {
            case 0 -> "{\"content\":\"" + html + "\"}";
            case 1 ->
                "{\"content\":\"" + html + "\",\"target\":\"" + pick(SELECTORS).replace("\\", "\\\\") + "\",\"swap\":\""
                    + pick(STYLES) + "\"}";
            case 2 -> "{\"payload\":\"" + html + "\",\"select\":\"" + pick(SELECTORS).replace("\\", "\\\\") + "\"}";
            case 3 -> "{\"content\":null}";
            case 4 -> "{\"content\":{\"a\":[1,2,{\"b\":null}]},\"target\":0,\"swap\":false}";
            default -> "{\"data\":" + r.nextInt() + "}";
        };
        return r.nextInt(5) == 0 ? body.substring(0, r.nextInt(body.length())) : body;
    }

    /** {@code text} with 1 to 12 random edits: deletions, repeats, swaps, noise, truncation. */
    public String mutate(String text) {
        StringBuilder s = new StringBuilder(text);
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int len = s.length();
            int at = len == 0 ? 0 : r.nextInt(len + 1);
            int span = len == 0 ? 0 : Math.min(len - Math.min(at, len), 1 + r.nextInt(Math.max(1, len / 4)));
            switch (r.nextInt(9)) {
                case 0 -> s.delete(at, Math.min(len, at + span));
                case 1 -> s.insert(at, s.substring(at, Math.min(len, at + span)));
                case 2 -> s.insert(at, pick(NOISE));
                case 3 -> s.insert(at, pick(TEXTS));
                case 4 -> {
                    if (len > 0) {
                        s.setCharAt(Math.min(at, len - 1), (char) r.nextInt(0x10000));
                    }
                }
                case 5 -> s.setLength(at);
                case 6 ->
                    s.insert(at, s.substring(at, Math.min(len, at + Math.min(span, 64))).repeat(2 + r.nextInt(40)));
                case 7 -> {
                    String part = s.substring(at, Math.min(len, at + span));
                    s.insert(at, r.nextBoolean() ? part.toUpperCase(java.util.Locale.ROOT)
                        : part.toLowerCase(java.util.Locale.ROOT));
                    s.delete(at + part.length(), at + 2 * part.length());
                }
                default -> s.insert(at, " " + attribute());
            }
        }
        return s.toString();
    }

    /** Random UTF-16 text: code points from every plane, lone surrogates and controls included. */
    public String randomText() {
        int n = r.nextInt(400);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> b.append((char) r.nextInt(0x10000));
                case 1 -> b.appendCodePoint(r.nextInt(0x110000));
                case 2 -> b.append((char) r.nextInt(0x80));
                default -> b.append(PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length())));
            }
        }
        return b.toString();
    }

    /** Random bytes, as a text frame would carry them after decoding (malformed sequences become U+FFFD). */
    public String randomBytesAsText() {
        byte[] bytes = new byte[r.nextInt(600)];
        r.nextBytes(bytes);
        return r.nextBoolean() ? new String(bytes, StandardCharsets.UTF_8)
            : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** {@code n} nested elements of one kind around a marker, closed or left open. */
    public static String nested(String open, String close, int n, boolean closed) {
        StringBuilder b = new StringBuilder((open.length() + close.length()) * n + 16);
        b.append(open.repeat(n)).append("<i id=\"deepest\">x</i>");
        if (closed) {
            b.append(close.repeat(n));
        }
        return b.toString();
    }

    /** One deep message: a tag nested {@code n} deep, picked from the kinds that stress the tree builder. */
    public String deep(int n) {
        return switch (r.nextInt(8)) {
            case 0 -> nested("<div>", "</div>", n, r.nextBoolean());
            case 1 -> nested("<table><tr><td>", "</td></tr></table>", n / 3, r.nextBoolean());
            case 2 -> nested("<div id=\"t\" hx-swap-oob=\"beforeend\">", "</div>", n, true);
            case 3 -> nested("<b><i>", "</b></i>", n / 2, true);
            case 4 -> nested("<template>", "</template>", n, r.nextBoolean());
            case 5 -> nested("<svg><g>", "</g></svg>", n / 2, true);
            case 6 -> nested("<hx-partial hx-target=\"#t\">", "</hx-partial>", n, true);
            default -> nested("<a>", "</a>", n, false);
        };
    }

    private void node(StringBuilder b, int depth) {
        int k = r.nextInt(depth >= maxDepth ? 3 : 10);
        switch (k) {
            case 0 -> b.append(pick(TEXTS));
            case 1 -> b.append(escapeText(randomWord()));
            case 2 -> b.append(' ');
            case 3 -> partial(b, depth);
            default -> element(b, depth);
        }
    }

    private void element(StringBuilder b, int depth) {
        String tag = pick(TAGS);
        b.append('<').append(r.nextInt(12) == 0 ? tag.toUpperCase(java.util.Locale.ROOT) : tag);
        int attrs = r.nextInt(4);
        for (int i = 0; i < attrs; i++) {
            b.append(' ').append(attribute());
        }
        b.append(r.nextInt(15) == 0 ? "/>" : ">");
        int kids = r.nextInt(4);
        for (int i = 0; i < kids; i++) {
            node(b, depth + 1);
        }
        if (r.nextInt(8) != 0) {
            b.append("</").append(r.nextInt(10) == 0 ? pick(TAGS) : tag).append('>');
        }
    }

    private void partial(StringBuilder b, int depth) {
        b.append("<hx-partial");
        if (r.nextBoolean()) {
            b.append(" hx-target=\"").append(attrValue(pick(SELECTORS))).append('"');
        } else {
            b.append(" id=\"").append(attrValue(pick(IDS))).append('"');
        }
        if (r.nextBoolean()) {
            b.append(" hx-swap=\"").append(attrValue(pick(STYLES))).append('"');
        }
        b.append('>');
        node(b, depth + 1);
        b.append("</hx-partial>");
    }

    /** One attribute htmx reads, with a value from its own pool (or random). */
    public String attribute() {
        String value;
        String name;
        switch (r.nextInt(16)) {
            case 0, 1 -> {
                name = "id";
                value = pick(IDS);
            }
            case 2, 3, 4 -> {
                name = r.nextInt(5) == 0 ? "data-hx-swap-oob" : "hx-swap-oob";
                value = r.nextBoolean() ? pick(STYLES) : pick(STYLES) + ":" + pick(SELECTORS);
            }
            case 5 -> {
                name = pick(List.of("hx-target", "hx-select", "hx-select-oob", "hx-target:inherited"));
                value = pick(SELECTORS);
            }
            case 6 -> {
                name = pick(List.of("hx-swap", "hx-swap:inherited"));
                value = pick(STYLES);
            }
            case 7 -> {
                name = pick(List.of("ws-connect", "hx-ws", "hx-ws:connect", "sse-connect", "hx-sse"));
                value = name.equals("hx-ws") ? "connect:" + pick(URLS) : pick(URLS);
            }
            case 8 -> {
                name = pick(List.of("ws-send", "hx-ws:send", "hx-ws", "hx-ext"));
                value = name.equals("hx-ws") ? "send"
                    : name.equals("hx-ext") ? pick(List.of("ws", "sse", "ws,sse", "")) : "";
            }
            case 9 -> {
                name = "hx-trigger";
                value = pick(TRIGGERS);
            }
            case 10 -> {
                name = pick(List.of("hx-vals", "hx-config", "hx-headers", "hx-vars", "hx-swap"));
                value = r.nextInt(30) == 0 ? deepValue() : pick(VALS);
            }
            case 11 -> {
                name = "class";
                value = pick(List.of("htmx-added", "htmx-settling x", "a b", "", "htmx-request"));
            }
            case 12 -> {
                name = pick(List.of("name", "value", "type", "style", "width", "form", "hx-preserve", "hx-disable"));
                value = randomWord();
            }
            case 13 -> {
                name = pick(List.of("sse-swap", "sse-close", "hx-on::ws-open", "hx-on:htmx:load", "onclick"));
                value = randomWord();
            }
            case 14 -> {
                name = randomWord().replaceAll("[^a-z:-]", "");
                name = name.isEmpty() ? "x" : name;
                value = randomWord();
            }
            default -> {
                name = pick(List.of("hx-get", "hx-post", "href", "src", "action"));
                value = pick(URLS);
            }
        }
        return switch (r.nextInt(10)) {
            case 0 -> name;
            case 1 -> name + "=" + value.replaceAll("[\\s\"'>]", "");
            case 2 -> name + "='" + value.replace("'", "&#39;") + "'";
            default -> name + "=\"" + attrValue(value) + "\"";
        };
    }

    /** JSON or HCON nested up to 60,000 levels: recursive parsers and mergers overflow on these. */
    private String deepValue() {
        int n = 500 + r.nextInt(60_000);
        return switch (r.nextInt(3)) {
            case 0 -> "[".repeat(n) + "]".repeat(r.nextInt(n));
            case 1 -> "{\"a\":".repeat(n) + "1" + "}".repeat(n);
            default -> "a.".repeat(n) + "b:1 " + "a.".repeat(n) + "c:2";
        };
    }

    private String randomWord() {
        int n = r.nextInt(12);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(WORD_CHARS.charAt(r.nextInt(WORD_CHARS.length())));
        }
        return b.toString();
    }

    private static String attrValue(String v) {
        return v.replace("&", "&amp;").replace("\"", "&quot;");
    }

    private static String escapeText(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;");
    }

    private <T> T pick(List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
