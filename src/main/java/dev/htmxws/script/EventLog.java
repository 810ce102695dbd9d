package dev.htmxws.script;

import dev.htmxws.protocol.incoming.PlannedSwap;
import java.util.ArrayList;
import java.util.List;

/** What happened in a session, in order, for expectations to look back at. */
public final class EventLog {

    /** A received message with its swaps (targets shortened to #id where they have one). */
    public record Message(String text, List<PlannedSwap> swaps, long atNanos) {
    }

    /** An htmx request went out. */
    public record Request(String method, String url, long atNanos) {
    }

    /** A socket closed. */
    public record Close(int code, long atNanos) {
    }

    private final List<Object> items = new ArrayList<>();

    public void add(Object item) {
        items.add(item);
    }

    public int size() {
        return items.size();
    }

    public List<Object> since(int index) {
        return items.subList(Math.min(index, items.size()), items.size());
    }

    /** The last {@code n} messages' texts, oldest first, for a failure report. */
    public List<String> lastMessages(int n) {
        List<String> out = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0 && out.size() < n; i--) {
            if (items.get(i) instanceof Message m) {
                out.add(0, m.text());
            }
        }
        return out;
    }
}
