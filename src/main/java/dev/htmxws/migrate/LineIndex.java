package dev.htmxws.migrate;

import java.util.Arrays;

/** Maps char offsets to 1-based line and column; a line ends with \n, \r\n or a lone \r. */
public final class LineIndex {
    private final int[] starts;
    private final int count;

    public LineIndex(CharSequence text) {
        int[] s = new int[64];
        int c = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || (ch == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                if (c == s.length) {
                    s = Arrays.copyOf(s, c * 2);
                }
                s[c++] = i + 1;
            }
        }
        this.starts = s;
        this.count = c;
    }

    public int line(int offset) {
        int i = Arrays.binarySearch(starts, 0, count, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    public int column(int offset) {
        return offset - starts[line(offset) - 1] + 1;
    }
}
