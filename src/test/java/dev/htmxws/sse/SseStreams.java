package dev.htmxws.sse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Event streams for fuzzing, from one {@link Random}: lines of every field (and unknown ones, comments, BOMs,
 * NULs, huge retry values), every line ending mixed, events left unfinished; and a reference reading of a
 * stream written straight from the HTML standard's steps, to compare {@link SseParser} with.
 */
public final class SseStreams {

    private static final List<String> ENDINGS = List.of("\n", "\r\n", "\r");
    private static final List<String> FIELDS = List.of("data", "data", "data", "event", "id", "retry", "dat", "Data",
        "", "id\u0000", "retry ", " data");
    private static final List<String> VALUES = List.of("", " ", "x", "<p id=\"a\" hx-swap-oob=\"true\">a</p>",
        "  two spaces",
        "a:b", "\u0000", "1\u00002", "123", "-1", "99999999999999999999999", "0", "\uFEFF", "é€😀", "\uD800", ":",
        "\t");

    private final Random r;

    public SseStreams(Random r) {
        this.r = r;
    }

    /** A stream of 0 to 30 lines and blank lines, with a BOM sometimes and an unfinished end sometimes. */
    public String stream() {
        StringBuilder b = new StringBuilder();
        if (r.nextInt(8) == 0) {
            b.append('\uFEFF');
        }
        int lines = r.nextInt(30);
        for (int i = 0; i < lines; i++) {
            switch (r.nextInt(10)) {
                case 0 -> b.append(':').append(pick(VALUES));
                case 1, 2 -> {
                } // blank line: dispatch
                case 3 -> b.append(randomLine());
                default -> {
                    String field = pick(FIELDS);
                    b.append(field);
                    if (r.nextInt(6) != 0) {
                        b.append(r.nextBoolean() ? ": " : ":").append(pick(VALUES));
                    }
                }
            }
            b.append(pick(ENDINGS));
        }
        if (r.nextBoolean()) {
            b.append("data: unfinished");
        }
        return b.toString();
    }

    private String randomLine() {
        int n = r.nextInt(40);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = (char) r.nextInt(r.nextBoolean() ? 0x80 : 0x10000);
            b.append(c == '\r' || c == '\n' ? 'x' : c);
        }
        return b.toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    /** The events of {@code stream}, read as the HTML standard's "interpret an event stream" spells it out. */
    public static List<SseEvent> reference(String stream) {
        String s = stream.startsWith("\uFEFF") ? stream.substring(1) : stream;
        List<SseEvent> out = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        String type = "";
        String id = "";
        // lines end at CRLF, CR or LF; what follows the last line end is an unfinished line and is ignored
        String[] lines = s.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    out.add(new SseEvent(type.isEmpty() ? "message" : type, data.substring(0, data.length() - 1), id));
                }
                data.setLength(0);
                type = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "data" -> data.append(value).append('\n');
                case "id" -> id = value.contains("\u0000") ? id : value;
                default -> {
                }
            }
        }
        return out;
    }
}
