package dev.htmxws.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code text/event-stream} incrementally, as the HTML standard's event stream interpretation
 * does: lines end at CRLF, LF or CR (also across chunk boundaries), {@code :} starts a comment, fields
 * {@code event}, {@code data}, {@code id} and {@code retry}, a blank line dispatches, an event without data
 * is not dispatched. Feed it decoded text in any chunking; the output does not depend on the chunking.
 *
 * <p>{@link #feed} gives what an {@code EventSource} dispatches; {@link #feedBlocks} gives every block a blank line
 * ended, with its fields, for a reader with other rules (htmx 4 reads the stream itself, docs/spec/sse-and-requests.md
 * §2.5).
 */
public final class SseParser {

    /**
     * The fields of one block (the lines before a blank line).
     *
     * @param event   the last {@code event:} value, or "" when none
     * @param data    the {@code data:} values joined with \n
     * @param hasData whether the block had a {@code data} field (an empty one counts)
     * @param id      the last valid {@code id:} value of the block, or null when it had none
     * @param retry   the last {@code retry:} value of the block as written, or null
     * @param lastEventId the stream's last event id once this block ended (ids of earlier blocks carry over)
     */
    public record Block(String event, String data, boolean hasData, String id, String retry, String lastEventId) {
    }

    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private boolean blockHasData;
    private String blockId;
    private String blockRetry;
    private String eventType = "";
    private String lastEventId;
    private String committedLastEventId;
    private long retryMillis = -1;
    private boolean pendingCr;
    private boolean started;
    private long comments;

    public SseParser() {
        this("");
    }

    /**
     * A parser for a new connection of an event source that already knows an event id: browsers carry the
     * id over to the next connection (Chromium's parser is created with it), so events of a reconnected
     * stream that name no id still report it, and the next reconnect sends it again.
     */
    public SseParser(String lastEventId) {
        this.lastEventId = lastEventId == null ? "" : lastEventId;
        this.committedLastEventId = this.lastEventId;
    }

    /** Parses the next chunk; returns the events an EventSource dispatches for it, in order. */
    public List<SseEvent> feed(CharSequence chunk) {
        List<SseEvent> out = new ArrayList<>();
        for (Block b : feedBlocks(chunk)) {
            if (b.hasData()) {
                out.add(new SseEvent(b.event().isEmpty() ? "message" : b.event(), b.data(), b.lastEventId()));
            }
        }
        return out;
    }

    /**
     * Parses the next chunk; returns every block a blank line ended, in order (also those an EventSource would not
     * dispatch: no data, only an id or a retry). The last event id and the retry time are kept as for {@link #feed}.
     */
    public List<Block> feedBlocks(CharSequence chunk) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    continue; // one leading BOM is not part of the stream
                }
            }
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue; // the LF of a CRLF already ended the line
                }
            }
            if (c == '\r') {
                pendingCr = true;
                endLine(out);
            } else if (c == '\n') {
                endLine(out);
            } else {
                line.append(c);
            }
        }
        return out;
    }

    /** The reconnection time the server asked for with {@code retry:}, or -1. */
    public long retryMillis() {
        return retryMillis;
    }

    /** The last {@code id:} field read, even if its event has not been completed by a blank line yet. */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * The event source's "last event ID string": the id as of the last blank line (also one that ended an event
     * without data). It is what a reconnect sends as {@code Last-Event-ID}; an {@code id:} of an event cut off
     * by the end of the stream does not count, as in the HTML standard and browsers.
     */
    public String committedLastEventId() {
        return committedLastEventId;
    }

    /** Comment lines seen (heartbeats), for a person who wonders why nothing arrives. */
    public long comments() {
        return comments;
    }

    private void endLine(List<Block> out) {
        String l = line.toString();
        line.setLength(0);
        if (l.isEmpty()) {
            dispatch(out);
            return;
        }
        if (l.charAt(0) == ':') {
            comments++;
            return;
        }
        int colon = l.indexOf(':');
        String field = colon < 0 ? l : l.substring(0, colon);
        String value = colon < 0 ? "" : l.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                data.append(value).append('\n');
                blockHasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                    blockId = value;
                }
            }
            case "retry" -> {
                blockRetry = value;
                if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    try {
                        retryMillis = Long.parseLong(value);
                    } catch (NumberFormatException ignored) {
                        // more digits than a long holds: ignored, as a browser ignores an invalid value
                    }
                }
            }
            default -> {
            } // unknown fields are ignored
        }
    }

    private void dispatch(List<Block> out) {
        committedLastEventId = lastEventId;
        boolean any = blockHasData || blockId != null || blockRetry != null || !eventType.isEmpty();
        if (any) {
            String d = blockHasData ? data.substring(0, data.length() - 1) : ""; // the last data line's \n
            out.add(new Block(eventType, d, blockHasData, blockId, blockRetry, committedLastEventId));
        }
        data.setLength(0);
        eventType = "";
        blockHasData = false;
        blockId = null;
        blockRetry = null;
    }
}
