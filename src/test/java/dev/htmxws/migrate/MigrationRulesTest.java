package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule of docs/spec/migrate.md: input, expected output and expected finding codes (in order), for each
 * target. A second run over the output must change nothing.
 */
class MigrationRulesTest {

    static Stream<Arguments> htmx2() {
        return Stream.of(
            // the table
            row("<div hx-ws=\"connect:/chat\"></div>", "<div hx-ext=\"ws\" ws-connect=\"/chat\"></div>"),
            row("<form hx-ws=\"send\"></form>", "<form ws-send></form>"),
            row("<form hx-ws=\"send:submit\"></form>", "<form ws-send></form>", "send-event-ignored"),
            row("<form hx-ws=\"connect:/c send\"></form>", "<form hx-ext=\"ws\" ws-connect=\"/c\" ws-send></form>"),
            row("<form hx-ws=\"send connect:/c\"></form>", "<form hx-ext=\"ws\" ws-connect=\"/c\" ws-send></form>",
                "send-before-connect"),
            row("<div hx-ws=\"\"></div>", "<div hx-ext=\"ws\"></div>", "empty-value"),
            row("<div hx-ws></div>", "<div hx-ext=\"ws\"></div>", "empty-value"),
            row("<div hx-sse=\"connect:/events\"></div>", "<div hx-ext=\"sse\" sse-connect=\"/events\"></div>"),
            row("<div hx-sse=\"swap:message\"></div>", "<div sse-swap=\"message\"></div>"),
            row("<div hx-sse=\"swap:e1 swap:e2\"></div>", "<div sse-swap=\"e1,e2\"></div>"),
            row("<div hx-sse=\"connect:/events swap:message\"></div>",
                "<div hx-ext=\"sse\" sse-connect=\"/events\" sse-swap=\"message\"></div>"),
            row("<div hx-trigger=\"sse:message\"></div>", "<div hx-trigger=\"sse:message\"></div>"),
            // quoting, case, data- forms
            row("<div hx-ws='connect:/jam/ws' />", "<div hx-ext='ws' ws-connect='/jam/ws' />"),
            row("<div hx-ws=connect:/x>", "<div hx-ext=\"ws\" ws-connect=\"/x\">"),
            row("<div HX-WS=\"connect:/x\"></div>", "<div hx-ext=\"ws\" ws-connect=\"/x\"></div>"),
            row("<div data-hx-ws=\"connect:/x send\"></div>",
                "<div data-hx-ext=\"ws\" data-ws-connect=\"/x\" data-ws-send></div>"),
            row("<div data-hx-sse=\"connect:/e swap:m\"></div>",
                "<div data-hx-ext=\"sse\" data-sse-connect=\"/e\" data-sse-swap=\"m\"></div>"),
            // URLs verbatim, entity escapes included
            row("<div hx-ws=\"connect:/a?x=1&amp;y=2\"></div>",
                "<div hx-ext=\"ws\" ws-connect=\"/a?x=1&amp;y=2\"></div>"),
            row("<div hx-ws=\"connect:ws://localhost:8080/chatroom\"></div>",
                "<div hx-ext=\"ws\" ws-connect=\"ws://localhost:8080/chatroom\"></div>"),
            row("<div hx-ws=\"connect:wss:/chatroom\"></div>", "<div hx-ext=\"ws\" ws-connect=\"wss:/chatroom\"></div>",
                "url-prefix-form"),
            row("<div hx-ws=\"connect:ws:{{ DOMAIN }}/ws/\"></div>",
                "<div hx-ext=\"ws\" ws-connect=\"ws:{{ DOMAIN }}/ws/\"></div>", "url-prefix-form"),
            row("<div hx-ws=\"connect:chat\"></div>", "<div hx-ext=\"ws\" ws-connect=\"chat\"></div>", "url-relative"),
            row("<div hx-ws=\"connect://host/p\"></div>", "<div hx-ext=\"ws\" ws-connect=\"//host/p\"></div>",
                "url-protocol-relative"),
            row("<div hx-ws=\"connect:{{ url }}\"></div>", "<div hx-ext=\"ws\" ws-connect=\"{{ url }}\"></div>"),
            row("<div hx-ws=\"connect:/a, send\"></div>", "<div hx-ext=\"ws\" ws-connect=\"/a\" ws-send></div>",
                "trailing-comma"),
            row("<div hx-sse=\"connect:/{{.Token}}/sse?view={{.View}} swap:message\"></div>",
                "<div hx-ext=\"sse\" sse-connect=\"/{{.Token}}/sse?view={{.View}}\" sse-swap=\"message\"></div>"),
            row("<div hx-sse=\"swap:#of_news\"></div>", "<div sse-swap=\"#of_news\"></div>"),
            row("<div hx-ws=\"connect:ws:localhost:8080/ws?username=%s\"></div>",
                "<div hx-ext=\"ws\" ws-connect=\"ws:localhost:8080/ws?username=%s\"></div>", "url-prefix-form"),
            // hx-ext merging
            row("<div hx-ext=\"json-enc\" hx-ws=\"connect:/x\"></div>",
                "<div hx-ext=\"json-enc, ws\" ws-connect=\"/x\"></div>"),
            row("<div hx-ext=json-enc hx-ws=\"connect:/x\"></div>",
                "<div hx-ext=\"json-enc, ws\" ws-connect=\"/x\"></div>"),
            row("<div hx-ext=\"\" hx-ws=\"connect:/x\"></div>", "<div hx-ext=\"ws\" ws-connect=\"/x\"></div>"),
            row("<div hx-ext=\"ws\" hx-ws=\"connect:/ws/admin\"></div>",
                "<div hx-ext=\"ws\" ws-connect=\"/ws/admin\"></div>"),
            row("<div hx-ws=\"connect:/x\" data-hx-ext=\"a\"></div>",
                "<div ws-connect=\"/x\" data-hx-ext=\"a, ws\"></div>"),
            row("<body hx-ext=\"ws\"><div hx-ws=\"connect:/x\"></div></body>",
                "<body hx-ext=\"ws\"><div ws-connect=\"/x\"></div></body>"),
            row("<body hx-ext=\"ws\"><p hx-ext=\"ignore:ws\"><i hx-ws=\"connect:/x\"></i></p></body>",
                "<body hx-ext=\"ws\"><p hx-ext=\"ignore:ws\"><i hx-ext=\"ws\" ws-connect=\"/x\"></i></p></body>"),
            row("<div hx-ws=\"connect:/a\"><p hx-ws=\"connect:/b\"></p></div>",
                "<div hx-ext=\"ws\" ws-connect=\"/a\"><p ws-connect=\"/b\"></p></div>"),
            row("<div hx-ws=\"connect:/a\" hx-sse=\"connect:/e\"></div>",
                "<div hx-ext=\"ws, sse\" ws-connect=\"/a\" sse-connect=\"/e\"></div>"),
            row("<body hx-ext=\"ws\"><div class=\"a\" hx-ws=\"\"></div></body>",
                "<body hx-ext=\"ws\"><div class=\"a\"></div></body>", "empty-value"),
            // template syntax around and inside
            row("<body {% if u %}hx-ws=\"connect:/ws\"{% endif %}>",
                "<body {% if u %}hx-ext=\"ws\" ws-connect=\"/ws\"{% endif %}>"),
            row("<input hx-ws=\"send\" type=\"checkbox\" {{#if checked}}checked=\"true\"{{/if}} />",
                "<input ws-send type=\"checkbox\" {{#if checked}}checked=\"true\"{{/if}} />"),
            row("<body {...other} class=\"x\" hx-ws=\"connect:/ws\">",
                "<body {...other} class=\"x\" hx-ext=\"ws\" ws-connect=\"/ws\">"),
            row("<div\n  class=\"a\"\n  hx-ws=\"connect:/x\"\n>",
                "<div\n  class=\"a\"\n  hx-ext=\"ws\" ws-connect=\"/x\"\n>"),
            row("<div hx-ws=\"connect:/x\">\r\n</div>\r\n", "<div hx-ext=\"ws\" ws-connect=\"/x\">\r\n</div>\r\n"),
            // reported, not rewritten
            row("<div hx-ws=\"close\"></div>", "<div hx-ws=\"close\"></div>", "unknown-verb"),
            row("<div hx-ws=\"source:/chatroom\"></div>", "<div hx-ws=\"source:/chatroom\"></div>", "unknown-verb"),
            row("<div hx-ws=\"CONNECT:/x\"></div>", "<div hx-ws=\"CONNECT:/x\"></div>", "unknown-verb"),
            row("<div hx-ws=\"connect wss:/chatroom\"></div>", "<div hx-ws=\"connect wss:/chatroom\"></div>",
                "connect-without-url", "unknown-verb"),
            row("<div hx-ws=\"connect:\"></div>", "<div hx-ws=\"connect:\"></div>", "connect-without-url"),
            row("<div hx-ws=\"connect:/a connect:/b\"></div>", "<div hx-ws=\"connect:/a connect:/b\"></div>",
                "multiple-connect"),
            row("<div hx-ws=\"connect:/a\" hx-ws=\"send\"></div>", "<div hx-ws=\"connect:/a\" hx-ws=\"send\"></div>",
                "duplicate-attribute", "duplicate-attribute"),
            row("<div hx-ws=\"connect:/a\" data-hx-ws=\"send\"></div>",
                "<div hx-ws=\"connect:/a\" data-hx-ws=\"send\"></div>", "duplicate-attribute", "duplicate-attribute"),
            row("<div hx-ws=\"connect:/chat/\" & @\"room\"></div>", "<div hx-ws=\"connect:/chat/\" & @\"room\"></div>",
                "dynamic-value"),
            row("<div hx-ws={wsUrl}></div>", "<div hx-ws={wsUrl}></div>", "dynamic-value"),
            row("<div hx-ws=connect:{{url}}></div>", "<div hx-ws=connect:{{url}}></div>", "dynamic-value"),
            row("<div {{ attr }}hx-ws=\"connect:/x\"></div>", "<div {{ attr }}hx-ws=\"connect:/x\"></div>",
                "generated-name"),
            row("<div hx-ws=\"{{ ws_attr }}\"></div>", "<div hx-ws=\"{{ ws_attr }}\"></div>", "unknown-verb"),
            row("<div hx-ws=\"recv:transcript\"></div>", "<div hx-ws=\"recv:transcript\"></div>", "unknown-verb"),
            row("<div ws-connect=\"/a\" hx-ws=\"connect:/b\"></div>",
                "<div ws-connect=\"/a\" hx-ws=\"connect:/b\"></div>",
                "conflicting-attribute"),
            row("<form ws-send hx-ws=\"send\"></form>", "<form ws-send></form>", "ws-send-exists"),
            row("<form {% if a %}ws-send{% endif %} hx-ws=\"send\"></form>",
                "<form {% if a %}ws-send{% endif %} ws-send></form>"),
            // not live
            row("<!-- <div hx-ws=\"connect:/x\"> -->", "<!-- <div hx-ws=\"connect:/x\"> -->", "not-live"),
            row("<pre>&lt;div hx-ws=\"connect:/x\"&gt;</pre>", "<pre>&lt;div hx-ws=\"connect:/x\"&gt;</pre>",
                "not-live"),
            row("<script>x = '<div hx-ws=\"connect:/x\">'</script>",
                "<script>x = '<div hx-ws=\"connect:/x\">'</script>",
                "not-live"),
            row("<textarea><div hx-ws=\"connect:/x\"></textarea>", "<textarea><div hx-ws=\"connect:/x\"></textarea>",
                "not-live"),
            row("{# <div hx-ws=\"connect:/x\"> #}", "{# <div hx-ws=\"connect:/x\"> #}", "not-live"),
            row("@* <div hx-sse=\"connect:/rn-updates\"> *@", "@* <div hx-sse=\"connect:/rn-updates\"> *@", "not-live"),
            row("{% comment %}<div hx-ws=\"connect:/x\">{% endcomment %}",
                "{% comment %}<div hx-ws=\"connect:/x\">{% endcomment %}", "not-live"),
            row("<div {{ 'hx-ws=\"connect:/x\"' }}></div>", "<div {{ 'hx-ws=\"connect:/x\"' }}></div>",
                "not-live-template"),
            row("<p>the hx-ws attribute</p>", "<p>the hx-ws attribute</p>"),
            row("<div title=\"<b hx-ws=x>\"></div>", "<div title=\"<b hx-ws=x>\"></div>", "not-live"),
            // repeated <body>/<html> start tags: browsers merge them, a template may mean them as alternatives
            row("{% if a %}<body hx-ws=\"connect:/a\">{% else %}<body hx-ws=\"connect:/b\">{% endif %}",
                "{% if a %}<body hx-ws=\"connect:/a\">{% else %}<body hx-ws=\"connect:/b\">{% endif %}",
                "repeated-start-tag", "hidden-attribute"),
            row("<body hx-sse=\"connect:/a\"><body hx-ext=\"foo\">",
                "<body hx-sse=\"connect:/a\"><body hx-ext=\"foo\">",
                "repeated-start-tag", "repeated-start-tag"),
            row("<body class=\"c\"><body hx-ws=\"connect:/a\">",
                "<body class=\"c\"><body hx-ext=\"ws\" ws-connect=\"/a\">"),
            row("<body hx-ws=\"connect:/a\"><!-- <body hx-ws=\"connect:/b\"> -->",
                "<body hx-ext=\"ws\" ws-connect=\"/a\"><!-- <body hx-ws=\"connect:/b\"> -->", "not-live"),
            row("<div hx-ws:connect=\"/x\" hx-ws-send></div>", "<div hx-ws:connect=\"/x\" hx-ws-send></div>"),
            // scripts
            row("<script src=\"https://unpkg.com/htmx.org@1.9.12\"></script><div hx-ws=\"connect:/x\"></div>",
                "<script src=\"https://unpkg.com/htmx.org@1.9.12\"></script><div hx-ext=\"ws\" ws-connect=\"/x\"></div>",
                "missing-extension-script"),
            row("<script src=\"https://unpkg.com/htmx.org@2.0.8\"></script>"
                + "<script src=\"https://unpkg.com/htmx-ext-ws@2.0.4\"></script><div hx-ws=\"connect:/x\"></div>",
                "<script src=\"https://unpkg.com/htmx.org@2.0.8\"></script>"
                    + "<script src=\"https://unpkg.com/htmx-ext-ws@2.0.4\"></script><div hx-ext=\"ws\" ws-connect=\"/x\"></div>"),
            row("<script src=\"https://unpkg.com/htmx.org@2.0.2\"></script>"
                + "<script src=\"https://unpkg.com/htmx.org@1.9.12/dist/ext/ws.js\"></script><div ws-send></div>",
                "<script src=\"https://unpkg.com/htmx.org@2.0.2\"></script>"
                    + "<script src=\"https://unpkg.com/htmx.org@1.9.12/dist/ext/ws.js\"></script><div ws-send></div>",
                "version-mismatch"));
    }

    static Stream<Arguments> htmx4() {
        return Stream.of(
            row("<div hx-ws=\"connect:/chat\"></div>", "<div hx-ws:connect=\"/chat\"></div>"),
            row("<form hx-ws=\"send\"></form>", "<form hx-ws:send></form>"),
            row("<form hx-ws=\"connect:/c send\"></form>", "<form hx-ws:connect=\"/c\" hx-ws:send></form>"),
            row("<div data-hx-ws=\"connect:/c\"></div>", "<div data-hx-ws:connect=\"/c\"></div>"),
            row("<div class=\"a\" hx-ws=\"\"></div>", "<div class=\"a\"></div>", "empty-value"),
            row("<div hx-sse=\"connect:/e\"></div>", "<div hx-sse:connect=\"/e\"></div>"),
            row("<div hx-sse=\"connect:/e swap:m\"></div>", "<div hx-sse=\"connect:/e swap:m\"></div>",
                "no-htmx4-equivalent"),
            row("<div hx-ext=\"ws\" ws-connect=\"/c\"><form ws-send></form></div>",
                "<div hx-ws:connect=\"/c\"><form hx-ws:send></form></div>"),
            row("<div data-hx-ext='ws' data-ws-connect='/c'></div>", "<div data-hx-ws:connect='/c'></div>"),
            row("<div hx-ext=\"sse\" sse-connect=\"/e\" sse-close=\"done\"></div>",
                "<div hx-sse:connect=\"/e\" hx-sse:close=\"done\"></div>"),
            row("<div sse-swap=\"m\"></div>", "<div sse-swap=\"m\"></div>", "no-htmx4-equivalent"),
            row("<div hx-ext=\"json-enc, ws\" ws-connect=\"/c\"></div>",
                "<div hx-ext=\"json-enc\" hx-ws:connect=\"/c\"></div>",
                "other-extensions"),
            row("<div hx-ext=\"ws, json-enc\"></div>", "<div hx-ext=\"json-enc\"></div>", "other-extensions"),
            row("<div ws-connect=\"/c\" hx-target=\"#x\" hx-vals='{\"a\":1}'></div>",
                "<div hx-ws:connect=\"/c\" hx-target=\"#x\" hx-vals='{\"a\":1}'></div>", "changed-meaning",
                "changed-meaning"),
            row("<form ws-send hx-headers='{\"X-CSRF\":\"t\"}'></form>",
                "<form hx-ws:send hx-headers='{\"X-CSRF\":\"t\"}'></form>", "changed-meaning"),
            row("<div ws-connect=\"/c\" hx-trigger=\"load delay:1s\"></div>",
                "<div hx-ws:connect=\"/c\" hx-trigger=\"load delay:1s\"></div>", "connect-trigger"),
            row("<div hx-trigger=\"sse:message\"></div>", "<div hx-trigger=\"sse:message\"></div>", "sse-trigger"),
            row("<div hx-on::ws-open=\"go()\"></div>", "<div hx-on::ws-open=\"go()\"></div>", "renamed-event"),
            row("<script>document.body.addEventListener('htmx:wsAfterMessage', f)</script>",
                "<script>document.body.addEventListener('htmx:wsAfterMessage', f)</script>", "renamed-event"),
            row("<div hx-on-htmx-ws-before-send=\"f()\"></div>", "<div hx-on-htmx-ws-before-send=\"f()\"></div>",
                "renamed-event"),
            row("<div hx-ws:connect=\"/c\"></div>", "<div hx-ws:connect=\"/c\"></div>"),
            row("<div hx-ext=\"ws\" HX-EXT=\"json-enc\" ws-connect=\"/c\"></div>",
                "<div hx-ext=\"ws\" HX-EXT=\"json-enc\" hx-ws:connect=\"/c\"></div>", "duplicate-attribute",
                "duplicate-attribute"),
            row("<input data-ws-send {% if f %}ws-send{% endif %}>",
                "<input data-hx-ws:send {% if f %}hx-ws:send{% endif %}>"),
            row("<input data-hx-ws=\"send\" {% if f %}ws-send{% endif %}>",
                "<input data-hx-ws:send {% if f %}hx-ws:send{% endif %}>"),
            row("<html hx-ext=\"ws\"><body ws-connect=\"/x\"><html hx-ext=\"sse\">",
                "<html hx-ext=\"ws\"><body hx-ws:connect=\"/x\"><html hx-ext=\"sse\">", "repeated-start-tag"),
            row("<html hx-ext=\"ws\"><body ws-connect=\"/x\"><html lang=\"en\">",
                "<html><body hx-ws:connect=\"/x\"><html lang=\"en\">"),
            row("<div hx-ws:connect=\"/c\" ws-connect=\"/d\"></div>",
                "<div hx-ws:connect=\"/c\" ws-connect=\"/d\"></div>",
                "conflicting-attribute"));
    }

    private static Arguments row(String in, String out, String... codes) {
        return Arguments.of(in, out, List.of(codes));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("htmx2")
    void toHtmx2(String in, String expected, List<String> codes) {
        check(Target.HTMX2, in, expected, codes);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("htmx4")
    void toHtmx4(String in, String expected, List<String> codes) {
        check(Target.HTMX4, in, expected, codes);
    }

    static void check(Target target, String in, String expected, List<String> codes) {
        TemplateMigrator m = new TemplateMigrator(target);
        TemplateMigrator.Result r = m.migrate(in);
        assertThat(r.output()).as("output").isEqualTo(expected);
        assertThat(r.findings().stream().map(Finding::code).toList()).as("finding codes of %s", r.findings())
            .isEqualTo(codes);
        assertThat(r.changed()).isEqualTo(!in.equals(expected));
        TemplateMigrator.Result again = m.migrate(r.output());
        assertThat(again.edits()).as("second run").isEmpty();
        assertThat(again.findings().stream().map(Finding::code).toList()).as("second run findings")
            .isSubsetOf(codes);
    }
}
