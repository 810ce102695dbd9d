package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The smallest form of each rewriter bug {@link MigrationPropertiesTest#hostileTemplates} found. */
class MigrateFuzzRegressionsTest {

    /**
     * An {@code <a>} left open across a block is reopened by the HTML parser with the same attributes and source
     * positions: its hx-ws was rewritten twice and the run threw IndexOutOfBoundsException.
     */
    @Test
    void anElementTheParserReopensIsRewrittenOnce() {
        String in = "<div hx-ws=\"connect:/game\">\n  <a href=\"#\" hx-ws=\"send\" id=x>\n  <ul></ul>\n</div>\n";
        for (Target t : Target.values()) {
            TemplateMigrator.Result r = new TemplateMigrator(t).migrate(in);
            assertThat(r.edits()).as("--to %d", t.number()).hasSize(2);
            assertThat(r.output())
                .contains(t == Target.HTMX2 ? "<a href=\"#\" ws-send id=x>" : "<a href=\"#\" hx-ws:send id=x>");
            assertThat(new TemplateMigrator(t).migrate(r.output()).edits()).isEmpty();
        }
    }

    /**
     * {@code hx-ws="send"id="f"} is two attributes to a browser; the rewrite joined them ({@code ws-sendid="f"}), and
     * removing {@code hx-ext="ws"} from {@code hx- hx-ext="ws"ws="x"} made a new {@code hx-ws="x"}.
     */
    @Test
    void anAttributeGluedToTheNextStaysApartFromIt() {
        String in = "<div hx-ws=\"connect:/c\"><form hx-ws=\"send\"id=\"f\"></form><p hx- hx-ext=\"ws\"ws=\"x\"></p></div>\n";
        TemplateMigrator.Result two = new TemplateMigrator(Target.HTMX2).migrate(in);
        assertThat(two.output()).contains("<form ws-send id=\"f\">");
        TemplateMigrator.Result four = new TemplateMigrator(Target.HTMX4).migrate(in);
        assertThat(four.output()).contains("<form hx-ws:send id=\"f\">").contains("<p hx- ws=\"x\">");
        assertThat(new TemplateMigrator(Target.HTMX4).migrate(four.output()).edits()).isEmpty();
    }

    /**
     * Browsers merge repeated {@code <body>} start tags into one element, the first tag winning for each name: the
     * rewrite removed the first tag's empty {@code hx-sse}, which brought the next tag's to life, and every run
     * rewrote one more tag. Such elements are now reported and left as is.
     */
    @Test
    void repeatedBodyTagsAreLeftAsIsAndReported() {
        String in = "<!DOCTYPE html>\n<html>\n<body hx-sse>\n<html>\n<body hx-sse>\n<html>\n"
            + "<body hx-sse=\"connect:/status_updates\">\n  <div id=\"status\"></div>\n</body>\n</HTML>\n";
        for (Target t : Target.values()) {
            TemplateMigrator.Result r = new TemplateMigrator(t).migrate(in);
            assertThat(r.output()).as("--to %d", t.number()).isEqualTo(in);
            assertThat(r.findings()).extracting(Finding::code)
                .containsExactly("repeated-start-tag", "hidden-attribute"); // a bare hidden hx-sse is not reported
            assertThat(r.findings().get(0).level()).isEqualTo(Level.ERROR);
        }
    }
}
