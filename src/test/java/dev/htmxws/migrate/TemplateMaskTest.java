package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateMaskTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        a {{ x }} b                          | {{ x }}                        | EXPRESSION
        a {{{ raw }}} b                      | {{{ raw }}}                    | EXPRESSION
        a {{#if c}} b                        | {{#if c}}                      | CONTROL
        a {{/if}} b                          | {{/if}}                        | CONTROL
        a {{ if .X }} b                      | {{ if .X }}                    | CONTROL
        a {{- /* c */ -}} b                  | {{- /* c */ -}}                | COMMENT
        a {{!-- c }} --}} b                  | {{!-- c }} --}}                | COMMENT
        a {{-- blade --}} b                  | {{-- blade --}}                | COMMENT
        a {% if a > b %} b                   | {% if a > b %}                 | CONTROL
        a {# <div hx-ws> #} b                | {# <div hx-ws> #}              | COMMENT
        a <%= url %> b                       | <%= url %>                     | EXPRESSION
        a <% if x %> b                       | <% if x %>                     | CONTROL
        a <%# note %> b                      | <%# note %>                    | COMMENT
        a <?php echo $u ?> b                 | <?php echo $u ?>               | EXPRESSION
        a <?= $u ?> b                        | <?= $u ?>                      | EXPRESSION
        a ${ROOM_CODE} b                     | ${ROOM_CODE}                   | EXPRESSION
        a @(Url.Page("x")) b                 | @(Url.Page("x"))               | EXPRESSION
        a @{ var x = 1; } b                  | @{ var x = 1; }                | CONTROL
        a @* razor *@ b                      | @* razor *@                    | COMMENT
        <b {...other} c>                     | {...other}                     | EXPRESSION
        <b x={expr} c>                       | {expr}                         | EXPRESSION
        a {/* jsx */} b                      | {/* jsx */}                    | COMMENT
        """)
    void masksEachConstructWithSameLengthFiller(String text, String construct, TemplateMask.Kind kind) {
        TemplateMask m = TemplateMask.of(text);
        int at = text.indexOf(construct);
        assertThat(m.masked()).hasSameSizeAs(text);
        assertThat(m.regions()).containsExactly(new TemplateMask.Region(at, at + construct.length(), kind));
        String filler = m.masked().substring(at, at + construct.length());
        assertThat(filler).startsWith(" ").endsWith(" ").matches(" _* ");
        assertThat(m.masked().substring(0, at)).isEqualTo(text.substring(0, at));
        assertThat(m.masked().substring(at + construct.length())).isEqualTo(text.substring(at + construct.length()));
    }

    @Test
    void djangoCommentBlocksAreOneComment() {
        String t = "x {% comment %}<div hx-ws=\"connect:/x\">{% endcomment %} y";
        TemplateMask m = TemplateMask.of(t);
        assertThat(m.regions()).hasSize(1);
        assertThat(m.regions().get(0).kind()).isEqualTo(TemplateMask.Kind.COMMENT);
        assertThat(t.substring(m.regions().get(0).start(), m.regions().get(0).end())).endsWith("{% endcomment %}");
    }

    @Test
    void braceGroupsHoldingMarkupAreNotMasked() {
        assertThat(TemplateMask.of("{cond && <div hx-ws=\"send\"/>}").regions()).isEmpty();
        assertThat(TemplateMask.of("a {b").regions()).isEmpty();
        assertThat(TemplateMask.of("a {{ unclosed").regions()).isEmpty();
    }

    @Test
    void unclosedOpenersStayLinear() {
        String t = "{{ ".repeat(200_000);
        TemplateMask m = TemplateMask.of(t);
        assertThat(m.regions()).isEmpty();
        assertThat(m.masked()).isEqualTo(t);
    }

    @Test
    void lookupsFindTheRegionAroundAPosition() {
        String t = "ab{{ x }}cd{% y %}";
        TemplateMask m = TemplateMask.of(t);
        assertThat(m.regionAt(1)).isNull();
        assertThat(m.regionAt(2).start()).isEqualTo(2);
        assertThat(m.regionAt(8).end()).isEqualTo(9);
        assertThat(m.regionEndingAt(9).start()).isEqualTo(2);
        assertThat(m.regionStartingAt(11).kind()).isEqualTo(TemplateMask.Kind.CONTROL);
        assertThat(m.intersects(0, 2)).isFalse();
        assertThat(m.intersects(0, 3)).isTrue();
        assertThat(m.intersects(9, 11)).isFalse();
        assertThat(List.of(m.regions().size())).containsExactly(2);
    }
}
