package dev.htmxws.migrate;

import dev.htmxws.fuzz.HtmlFuzzer;
import java.util.List;
import java.util.Random;

/**
 * Random templates in the style of docs/spec/templates-in-the-wild.md, reproducible from a seed: nested elements with
 * legacy and modern attributes (valid and invalid values, every quoting, case and data- form), template
 * constructs inside values and around attributes, comments, scripts, escaped copies and mixed line ends.
 */
final class TemplateGenerator {

    private static final List<String> WS_VALUES = List.of("connect:/chat", "send", "send:submit", "connect:/c send",
        "send connect:/c", "", "connect:/chat/{{ slug }}/", "connect:wss:/chatroom", "connect:ws://localhost:8080/x",
        "connect:/a, send", "close", "connect", "connect:/a connect:/b", "connect:{{ url }}", "CONNECT:/x",
        "connect:ws:{{ DOMAIN }}/ws/{{ room }}/", "connect:/ws?u=%s", "recv:x", "connect:/x?a=1&amp;b=2",
        "connect:${WS_URL}", "connect:/{{.Token}}/ws send");
    private static final List<String> SSE_VALUES = List.of("connect:/events", "swap:message", "connect:/e swap:m",
        "swap:e1 swap:e2", "connect:/posts?types=A,B swap:A swap:B", "swap:#of_news", "", "source:/x",
        "connect:/{{.StreamID}}/sse");
    private static final List<String> TAGS = List.of("div", "form", "section", "ul", "article", "aside", "span", "p");
    private static final List<String> PLAIN_ATTRS = List.of("class=\"box\"", "id=\"x{{ n }}\"", "hx-get=\"/items\"",
        "hx-target=\"#log\"", "hx-vals='{\"a\":1}'", "hx-trigger=\"sse:message\"", "hx-swap=\"beforeend\"",
        "hx-headers='{\"X-CSRF\":\"t\"}'", "name=\"chat_message\"", "disabled", "data-id=7",
        "hx-on::ws-open=\"go()\"",
        // names a template builds or a framework binds: reported, never rewritten
        "hx-{{ kind }}=\"connect:/x\"", "{{ 'hx-' ~ kind }}=\"send\"", "hx-{{ method }}=\"{{ url }}\"",
        "{{if .SSE}}hx-sse{{else}}hx-ws{{end}}=\"connect:/e\"", ":hx-ws=\"url\"", "x-bind:hx-sse=\"src\"",
        "th:attr=\"hx-ws=@{/chat}\"", "[attr.hx-ws]=\"a\"");
    private static final List<String> EXT_VALUES = List.of("json-enc", "ws", "sse", "json-enc, ws", "", "ignore:ws",
        "ws, sse");

    private final Random r;
    private final String nl;
    private final StringBuilder b = new StringBuilder();

    TemplateGenerator(long seed) {
        this.r = new Random(seed);
        this.nl = pick(List.of("\n", "\n", "\r\n", "\r"));
    }

    String generate() {
        if (r.nextInt(4) == 0) {
            b.append("<script src=\"https://unpkg.com/htmx.org@1.9.12\"></script>").append(nl);
        }
        int top = 1 + r.nextInt(4);
        for (int i = 0; i < top; i++) {
            node(0);
        }
        if (r.nextBoolean()) {
            b.append(nl);
        }
        return b.toString();
    }

    private void node(int depth) {
        switch (r.nextInt(depth > 3 ? 4 : 12)) {
            case 0 -> b.append("text {{ value|safe }} & more");
            case 1 -> b.append("{# <div hx-ws=\"connect:/old\"> #}");
            case 2 -> b.append("<!-- <div hx-ws=\"").append(pick(WS_VALUES)).append("\"> -->");
            case 3 -> b.append("<pre>&lt;div hx-sse=\"connect:/x\"&gt;</pre>");
            case 4 -> b.append("<script>var t = '<div hx-ws=\"connect:/x\">';</script>");
            case 5 -> b.append("{% if user %}").append(nl).append("<p>hi</p>{% endif %}");
            case 6 -> b.append("<input ").append(attrs()).append(">");
            default -> element(depth);
        }
        b.append(r.nextInt(3) == 0 ? nl : " ");
    }

    private void element(int depth) {
        String tag = pick(TAGS);
        b.append('<').append(tag).append(' ').append(attrs()).append('>');
        int kids = r.nextInt(4);
        for (int i = 0; i < kids; i++) {
            node(depth + 1);
        }
        b.append("</").append(tag).append('>');
    }

    private String attrs() {
        StringBuilder a = new StringBuilder();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                a.append(r.nextInt(4) == 0 ? nl + "  " : " ");
            }
            String one = attr();
            if (r.nextInt(8) == 0) {
                one = "{% if flag %}" + one + "{% endif %}";
            }
            a.append(one);
        }
        return a.toString();
    }

    private String attr() {
        switch (r.nextInt(10)) {
            case 0, 1, 2 -> {
                return name("hx-ws") + value(pick(WS_VALUES));
            }
            case 3 -> {
                return name("hx-sse") + value(pick(SSE_VALUES));
            }
            case 4 -> {
                return name("hx-ext") + value(pick(EXT_VALUES));
            }
            case 5 -> {
                return pick(List.of("ws-connect=\"/c\"", "ws-send", "sse-connect=\"/e\"", "sse-swap=\"m\"",
                    "sse-close=\"done\"", "data-ws-send"));
            }
            default -> {
                return pick(PLAIN_ATTRS);
            }
        }
    }

    private String name(String base) {
        String n = r.nextInt(5) == 0 ? "data-" + base : base;
        return r.nextInt(6) == 0 ? n.toUpperCase(java.util.Locale.ROOT) : n;
    }

    private String value(String v) {
        return switch (r.nextInt(6)) {
            case 0 -> v.isEmpty() ? "" : v.contains(" ") || v.contains("{") ? "=\"" + v + "\"" : "=" + v;
            case 1 -> "='" + v + "'";
            default -> "=\"" + v + "\"";
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /**
     * Harder than {@link #mutate}: the generic markup mutations of {@link HtmlFuzzer} plus template syntax torn
     * apart (unclosed {@code {{}, {@code {%}, {@code <%}, comments, quotes), sometimes repeated many times.
     */
    static String hostile(String text, Random r, HtmlFuzzer fuzz) {
        List<String> noise = List.of("{{", "}}", "{%", "%}", "{#", "<%", "%>", "<%=", "${", "<!--", "-->", "<script>",
            "</script>", "<style>", "'", "\"", "=", "hx-ws=\"", "hx-sse=", "data-hx-ws=connect:/x ", "hx-ext=\"",
            " ws-send",
            "<div hx-ws=\"connect:/n\">", "</div>", "<template>", "<![CDATA[", "@{", "{{/if}}", "\r", "\u0000",
            "\uFEFF");
        StringBuilder s = new StringBuilder(fuzz.mutate(text));
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String piece = noise.get(r.nextInt(noise.size()));
            s.insert(r.nextInt(s.length() + 1), r.nextInt(10) == 0 ? piece.repeat(1 + r.nextInt(2000)) : piece);
        }
        return s.toString();
    }

    /** A copy of {@code text} with a few random chars deleted, duplicated or replaced by markup chars. */
    static String mutate(String text, long seed) {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder(text);
        int n = 1 + r.nextInt(6);
        String noise = "<>\"'= /{}%#-\n";
        for (int i = 0; i < n && s.length() > 0; i++) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, s.charAt(at));
                default -> s.setCharAt(at, noise.charAt(r.nextInt(noise.length())));
            }
        }
        return s.toString();
    }
}
