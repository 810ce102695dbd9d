package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders known edits as a unified diff (3 lines of context, as {@code diff -u}). The edits are already
 * known, so no diff algorithm is needed: each changed line range is printed directly, which stays linear in
 * the size of the change even for a very large file. Lines end at \n; a \r stays part of its line, so the
 * diff of a CRLF file applies with patch(1).
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** A run of original lines [first, last] (0-based) replaced by new lines. */
    private record Change(int first, int last, List<String> oldLines, List<String> newLines,
        boolean oldNoEol, boolean newNoEol) {
    }

    public static String render(String path, String original, List<Edit> edits) {
        if (edits.isEmpty()) {
            return "";
        }
        int[] starts = lineStarts(original);
        int lineCount = starts.length;
        List<Change> changes = changes(original, edits, starts);
        StringBuilder out = new StringBuilder();
        out.append("--- a/").append(path).append('\n');
        out.append("+++ b/").append(path).append('\n');
        int delta = 0;
        int i = 0;
        while (i < changes.size()) {
            int j = i;
            while (j + 1 < changes.size() && changes.get(j + 1).first - changes.get(j).last - 1 <= 2 * CONTEXT) {
                j++;
            }
            int from = Math.max(0, changes.get(i).first - CONTEXT);
            int to = Math.min(lineCount - 1, changes.get(j).last + CONTEXT);
            StringBuilder body = new StringBuilder();
            int oldCount = 0;
            int newCount = 0;
            int deltaInHunk = 0;
            int line = from;
            for (int k = i; k <= j; k++) {
                Change c = changes.get(k);
                for (; line < c.first; line++) {
                    context(body, original, starts, line);
                    oldCount++;
                    newCount++;
                }
                for (int m = 0; m < c.oldLines.size(); m++) {
                    body.append('-').append(c.oldLines.get(m)).append('\n');
                    if (c.oldNoEol && m == c.oldLines.size() - 1) {
                        body.append("\\ No newline at end of file\n");
                    }
                }
                for (int m = 0; m < c.newLines.size(); m++) {
                    body.append('+').append(c.newLines.get(m)).append('\n');
                    if (c.newNoEol && m == c.newLines.size() - 1) {
                        body.append("\\ No newline at end of file\n");
                    }
                }
                oldCount += c.oldLines.size();
                newCount += c.newLines.size();
                deltaInHunk += c.newLines.size() - c.oldLines.size();
                line = c.last + 1;
            }
            for (; line <= to; line++) {
                context(body, original, starts, line);
                oldCount++;
                newCount++;
            }
            out.append("@@ -").append(range(from + 1, oldCount)).append(" +").append(range(from + 1 + delta, newCount))
                .append(" @@\n").append(body);
            delta += deltaInHunk;
            i = j + 1;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        if (count == 1) {
            return Integer.toString(start);
        }
        return (count == 0 ? start - 1 : start) + "," + count;
    }

    private static void context(StringBuilder body, String text, int[] starts, int line) {
        int s = starts[line];
        // the last line ends at the end of the text, without its final newline (if any): it is added below
        int e = line + 1 < starts.length ? starts[line + 1] - 1
            : text.endsWith("\n") ? text.length() - 1 : text.length();
        body.append(' ').append(text, s, e).append('\n');
        if (line + 1 == starts.length && !text.isEmpty() && !text.endsWith("\n")) {
            body.append("\\ No newline at end of file\n");
        }
    }

    /** Groups edits by the lines they touch and computes each group's old and new lines. */
    private static List<Change> changes(String text, List<Edit> edits, int[] starts) {
        List<Change> out = new ArrayList<>();
        int i = 0;
        while (i < edits.size()) {
            int first = lineOf(starts, edits.get(i).start());
            int last = lineOf(starts, Math.max(edits.get(i).start(), edits.get(i).end() - 1));
            int j = i;
            // edits on the same or the next line form one block, as diff -u prints them
            while (j + 1 < edits.size() && lineOf(starts, edits.get(j + 1).start()) <= last + 1) {
                j++;
                last = Math.max(last, lineOf(starts, Math.max(edits.get(j).start(), edits.get(j).end() - 1)));
            }
            int segStart = starts[first];
            int segEnd = last + 1 < starts.length ? starts[last + 1] : text.length();
            StringBuilder seg = new StringBuilder();
            int at = segStart;
            for (int k = i; k <= j; k++) {
                Edit e = edits.get(k);
                seg.append(text, at, e.start()).append(e.replacement());
                at = e.end();
            }
            seg.append(text, at, segEnd);
            String oldSeg = text.substring(segStart, segEnd);
            boolean lastOfFile = last + 1 == starts.length;
            out.add(new Change(first, last, lines(oldSeg), lines(seg.toString()),
                lastOfFile && !oldSeg.endsWith("\n"), lastOfFile && !seg.toString().endsWith("\n")));
            i = j + 1;
        }
        return out;
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (at < s.length()) {
            int nl = s.indexOf('\n', at);
            if (nl < 0) {
                out.add(s.substring(at));
                break;
            }
            out.add(s.substring(at, nl));
            at = nl + 1;
        }
        return out;
    }

    private static int[] lineStarts(String text) {
        List<Integer> s = new ArrayList<>();
        s.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                s.add(i + 1);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] starts, int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
