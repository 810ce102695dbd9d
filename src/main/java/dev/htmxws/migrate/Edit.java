package dev.htmxws.migrate;

/** Replace the chars [start, end) of the original text with {@code replacement}. */
public record Edit(int start, int end, String replacement) implements Comparable<Edit> {

    @Override
    public int compareTo(Edit o) {
        return start != o.start ? Integer.compare(start, o.start) : Integer.compare(end, o.end);
    }
}
