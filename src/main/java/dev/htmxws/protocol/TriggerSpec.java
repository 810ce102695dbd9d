package dev.htmxws.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * One trigger of an {@code hx-trigger} value (htmx 2's grammar, also read for htmx 4): the event name, an
 * optional {@code [filter]} and the modifiers that matter without a browser's layout.
 *
 * @param event    event name, or {@code every} for polling
 * @param filter   the text inside [...] or null
 * @param delayMs  debounce, or -1
 * @param throttleMs throttle, or -1
 * @param everyMs  polling interval for {@code every}, or -1
 * @param from     {@code from:} selector (extended syntax kept as written) or null
 * @param target   {@code target:} selector or null
 */
public record TriggerSpec(String event, String filter, boolean changed, boolean once, boolean consume, long delayMs,
    long throttleMs, long everyMs, String from, String target) {

    static TriggerSpec of(String event) {
        return new TriggerSpec(event, null, false, false, false, -1, -1, -1, null, null);
    }

    /** The triggers of an element: its hx-trigger, or the dialect's default for its kind. */
    public static List<TriggerSpec> forElement(Dialect d, Element e) {
        String explicit = d == Dialect.HTMX4 ? e.attr("hx-trigger") : PageModel.attr(e, "hx-trigger");
        List<TriggerSpec> specs = explicit == null || explicit.isBlank() ? List.of() : parse(explicit);
        if (!specs.isEmpty()) {
            // htmx 1's core hx-ws listens to the first trigger's event name only, every modifier ignored (§1.1); its
            // ws extension wires every trigger as htmx does
            boolean core = d == Dialect.HTMX1 && !PageModel.has(e, "ws-send");
            return core ? List.of(of(specs.get(0).event())) : specs;
        }
        return List.of(of(defaultEvent(d, e)));
    }

    static String defaultEvent(Dialect d, Element e) {
        String tag = e.normalName();
        String type = e.attr("type").toLowerCase(Locale.ROOT);
        if (tag.equals("form")) {
            return "submit";
        }
        if (d == Dialect.HTMX4) {
            boolean input = tag.equals("input") && !type.equals("button") && !type.equals("submit");
            return input || tag.equals("select") || tag.equals("textarea") ? "change" : "click";
        }
        if (tag.equals("input") && (type.equals("button") || type.equals("submit"))) {
            return "click";
        }
        return tag.equals("input") || tag.equals("select") || tag.equals("textarea") ? "change" : "click";
    }

    /** Parses a whole hx-trigger value; unknown modifiers are skipped, as htmx does after a syntax event. */
    public static List<TriggerSpec> parse(String value) {
        List<TriggerSpec> out = new ArrayList<>();
        Tokens t = new Tokens(value);
        do {
            t.skipSpace();
            String name = t.until(",[ \t\n");
            if (name.isEmpty()) {
                t.skipOne();
                continue;
            }
            if (name.equals("every")) {
                t.skipSpace();
                long every = interval(t.until(",[ \t\n"));
                t.skipSpace();
                String filter = t.bracket();
                out.add(new TriggerSpec("every", filter, false, false, false, -1, -1, every, null, null));
            } else {
                String filter = t.bracket();
                boolean changed = false;
                boolean once = false;
                boolean consume = false;
                long delay = -1;
                long throttle = -1;
                String from = null;
                String target = null;
                t.skipSpace();
                while (!t.done() && t.peek() != ',') {
                    String word = t.until(":, \t\n");
                    if (t.peek() == ':') {
                        t.skipOne();
                        String arg = word.equals("from") || word.equals("target") || word.equals("root")
                            ? t.selector() : t.until(", \t\n");
                        switch (word) {
                            case "delay" -> delay = interval(arg);
                            case "throttle" -> throttle = interval(arg);
                            case "from" -> from = arg;
                            case "target" -> target = arg;
                            default -> {
                            }
                        }
                    } else {
                        switch (word) {
                            case "changed" -> changed = true;
                            case "once" -> once = true;
                            case "consume" -> consume = true;
                            default -> {
                                if (word.isEmpty()) {
                                    t.skipOne();
                                }
                            }
                        }
                    }
                    t.skipSpace();
                }
                out.add(new TriggerSpec(name, filter, changed, once, consume, delay, throttle, -1, from, target));
            }
            t.skipSpace();
        } while (t.skipComma());
        return out;
    }

    /** htmx's parseInterval: {@code 500ms}, {@code 1s}, {@code 2m}, or a bare number of ms; -1 when unreadable. */
    static long interval(String s) {
        double ms = dev.htmxws.protocol.js.Hcon.intervalMs(s);
        return ms > 0 || s.strip().matches("0+(ms|s|m)?") ? Math.round(ms) : -1;
    }

    /** A minimal cursor over the trigger text. */
    private static final class Tokens {
        private final String s;
        private int i;

        Tokens(String s) {
            this.s = s;
        }

        boolean done() {
            return i >= s.length();
        }

        char peek() {
            return done() ? 0 : s.charAt(i);
        }

        void skipOne() {
            i++;
        }

        void skipSpace() {
            while (!done() && Character.isWhitespace(peek())) {
                i++;
            }
        }

        boolean skipComma() {
            if (peek() == ',') {
                i++;
                return true;
            }
            return false;
        }

        String until(String stops) {
            int start = i;
            while (!done() && stops.indexOf(peek()) < 0) {
                i++;
            }
            return s.substring(start, i);
        }

        /** The text of a balanced [...] group at the cursor, or null. */
        String bracket() {
            if (peek() != '[') {
                return null;
            }
            int depth = 0;
            int start = i + 1;
            for (; !done(); i++) {
                char c = peek();
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    i++;
                    return s.substring(start, i - 1);
                }
            }
            return s.substring(start);
        }

        /** A selector: up to the next comma or whitespace, or a whole {@code <css/>} / {@code closest X} form. */
        String selector() {
            if (peek() == '<') {
                int end = s.indexOf("/>", i);
                String sel = s.substring(i + 1, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 2;
                return sel;
            }
            String word = until(", \t\n");
            if (word.equals("closest") || word.equals("find") || word.equals("next") || word.equals("previous")) {
                skipSpace();
                String rest = until(", \t\n");
                return rest.isEmpty() ? word : word + " " + rest;
            }
            return word;
        }
    }
}
