package dev.htmxws.output;

import dev.htmxws.protocol.incoming.PlannedSwap;
import dev.htmxws.text.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.jsoup.Jsoup;

/**
 * The text form of what arrived, for {@code send}, {@code listen} and {@code connect} alike: one line per swap
 * ({@code #chat_room beforeend  bob: hi}), a line for a message that swapped nothing, and {@code event: NAME} before
 * every line an event stream's event made. Summaries are cut to fit the terminal's width, or to
 * {@value #SUMMARY} characters when the width is not known.
 */
public final class TextLines {

    /** How long a summary is when the width is not known (output that is not a terminal). */
    public static final int SUMMARY = 100;
    /** The least a summary keeps on a narrow terminal. */
    static final int MIN_SUMMARY = 20;

    private final IntSupplier columns;

    /** @param columns the terminal's width, 0 when unknown */
    public TextLines(IntSupplier columns) {
        this.columns = columns;
    }

    /** Summaries of {@value #SUMMARY} characters. */
    public static TextLines fixed() {
        return new TextLines(() -> 0);
    }

    /** A WebSocket message: a line per swap, or its text when it swapped nothing. */
    public List<String> message(String text, List<PlannedSwap> swaps) {
        if (swaps.isEmpty()) {
            return List.of(line("(no swap)  ", text));
        }
        return swapLines("", swaps);
    }

    /** An event stream's event: {@code event: NAME}, then its swaps, or its id and data when it swapped nothing. */
    public List<String> event(String name, String id, String data, List<PlannedSwap> swaps) {
        String head = "event: " + name;
        if (swaps.isEmpty()) {
            return List.of(line(head + (id.isEmpty() ? "" : " (id " + id + ")") + "  ", textOf(data)));
        }
        return swapLines(head + "  ", swaps);
    }

    /** The swaps an htmx request's answer made. */
    public List<String> swaps(List<PlannedSwap> swaps) {
        return swapLines("", swaps);
    }

    private List<String> swapLines(String head, List<PlannedSwap> swaps) {
        List<String> lines = new ArrayList<>(swaps.size());
        for (PlannedSwap s : swaps) {
            lines.add(line(head + s.target() + " " + s.style() + "  ", textOf(s.html())));
        }
        return lines;
    }

    /** {@code head}, then {@code text} on one line, cut to what is left of the width. */
    public String line(String head, String text) {
        String h = TerminalText.line(head);
        int width = columns.getAsInt();
        int room = width > 0 ? Math.max(MIN_SUMMARY, width - h.length()) : SUMMARY;
        return h + cut(oneLine(text), room);
    }

    /** {@code s} as one line of at most {@value #SUMMARY} characters. */
    public static String abbreviate(String s) {
        return cut(oneLine(s), SUMMARY);
    }

    /** The text a person reads in an HTML fragment. */
    public static String textOf(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }

    private static String oneLine(String s) {
        return TerminalText.line(s.replaceAll("\\s+", " ").strip());
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never half a character
        }
        return s.substring(0, end) + "…";
    }
}
