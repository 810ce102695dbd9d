package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void oneChangedLineWithThreeLinesOfContext() {
        String text = "1\n2\n3\n4\nx\n6\n7\n8\n9\n";
        int at = text.indexOf('x');
        String diff = UnifiedDiff.render("f.html", text, List.of(new Edit(at, at + 1, "y")));
        assertThat(diff).isEqualTo("""
            --- a/f.html
            +++ b/f.html
            @@ -2,7 +2,7 @@
             2
             3
             4
            -x
            +y
             6
             7
             8
            """);
    }

    @Test
    void theLastLineAsContextEndsWithItsOwnNewlineOnly() {
        String text = "<div hx-ws=\"send\">\n</div>\n";
        String diff = UnifiedDiff.render("f", text, List.of(edit(text, "hx-ws=\"send\"", "ws-send")));
        assertThat(diff).isEqualTo("""
            --- a/f
            +++ b/f
            @@ -1,2 +1,2 @@
            -<div hx-ws="send">
            +<div ws-send>
             </div>
            """);
    }

    @Test
    void farApartChangesMakeTwoHunksAndNearOnesOne() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            b.append("l").append(i).append('\n');
        }
        String text = b.toString();
        List<Edit> edits = List.of(edit(text, "l2\n", "L2\n"), edit(text, "l5\n", "L5\n"),
            edit(text, "l25\n", "L25\n"));
        String diff = UnifiedDiff.render("f", text, edits);
        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).containsExactly("@@ -1,8 +1,8 @@",
            "@@ -22,7 +22,7 @@");
    }

    @Test
    void removedLineBreakShiftsTheNewLineNumbers() {
        String text = "<div\n  hx-ws=\"\"\n>\nafter\n";
        int start = text.indexOf("\n  hx-ws");
        String diff = UnifiedDiff.render("f", text, List.of(new Edit(start, text.indexOf('>') - 1, "")));
        assertThat(diff).contains("@@ -1,4 +1,3 @@").contains("-<div\n-  hx-ws=\"\"\n+<div\n");
    }

    @Test
    void missingFinalNewlineIsMarked() {
        String text = "a\n<b hx-ws=\"send\">";
        String diff = UnifiedDiff.render("f", text, List.of(edit(text, "hx-ws=\"send\"", "ws-send")));
        assertThat(diff).endsWith(
            "-<b hx-ws=\"send\">\n\\ No newline at end of file\n+<b ws-send>\n\\ No newline at end of file\n");
    }

    @Test
    void carriageReturnsStayInTheLines() {
        String text = "a\r\n<b hx-ws=\"send\">\r\n";
        String diff = UnifiedDiff.render("f", text, List.of(edit(text, "hx-ws=\"send\"", "ws-send")));
        assertThat(diff).contains("-<b hx-ws=\"send\">\r\n+<b ws-send>\r\n");
    }

    private static Edit edit(String text, String find, String replace) {
        int at = text.indexOf(find);
        return new Edit(at, at + find.length(), replace);
    }
}
