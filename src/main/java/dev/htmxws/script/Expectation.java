package dev.htmxws.script;

import dev.htmxws.dom.VirtualDom;
import dev.htmxws.protocol.incoming.PlannedSwap;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Something a script expects, with a deadline. Checked against what arrived since the previous command
 * (so a reply faster than the expect line is not missed) and against what arrives next.
 */
public sealed interface Expectation {

    enum Status { MET, PENDING, FAILED }

    /** What the expectation says, for reports. */
    String describe();

    /** How long it may take. */
    Duration within();

    Status check(EventLog log, int from, VirtualDom dom, long startNanos, long nowNanos);

    /** A swap into this target (and style). */
    record Swap(String target, String style, Duration within) implements Expectation {
        public String describe() {
            return "swap " + target + (style == null ? "" : " " + style);
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            for (Object o : log.since(from)) {
                if (o instanceof EventLog.Message m) {
                    for (PlannedSwap s : m.swaps()) {
                        if (s.target().equals(target) && (style == null || style.equals(s.style()))) {
                            return Status.MET;
                        }
                    }
                }
            }
            return Status.PENDING;
        }
    }

    /** The text of a selection on the page contains a string. */
    record Text(String selector, String contains, Duration within) implements Expectation {
        public String describe() {
            return "text " + selector + " contains \"" + contains + "\"";
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            return dom.document().select(selector).text().contains(contains) ? Status.MET : Status.PENDING;
        }
    }

    /** A selection on the page has exactly n elements. */
    record Count(String selector, int count, Duration within) implements Expectation {
        public String describe() {
            return "count " + selector + " " + count;
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            return dom.document().select(selector).size() == count ? Status.MET : Status.PENDING;
        }
    }

    /** A message matching a regular expression. */
    record Message(Pattern regex, Duration within) implements Expectation {
        public String describe() {
            return "message /" + regex.pattern() + "/";
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            for (Object o : log.since(from)) {
                if (o instanceof EventLog.Message m && regex.matcher(m.text()).find()) {
                    return Status.MET;
                }
            }
            return Status.PENDING;
        }
    }

    /** No message at all for a while (counted from the previous command). */
    record NoMessage(Duration within) implements Expectation {
        public String describe() {
            return "no-message for " + within.toMillis() + " ms";
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            for (Object o : log.since(from)) {
                if (o instanceof EventLog.Message) {
                    return Status.FAILED;
                }
            }
            return now - start >= within.toNanos() ? Status.MET : Status.PENDING;
        }
    }

    /** The socket closed (with this code). */
    record Closed(Integer code, Duration within) implements Expectation {
        public String describe() {
            return "closed" + (code == null ? "" : " " + code);
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            for (Object o : log.since(from)) {
                if (o instanceof EventLog.Close c && (code == null || code == c.code())) {
                    return Status.MET;
                }
            }
            return Status.PENDING;
        }
    }

    /**
     * An htmx request went out with this method and URL: {@code /path} (the query, if given, must match too) or a
     * whole URL.
     */
    record Request(String method, String url, Duration within) implements Expectation {
        public String describe() {
            return "request " + method + " " + url;
        }

        public Status check(EventLog log, int from, VirtualDom dom, long start, long now) {
            for (Object o : log.since(from)) {
                if (o instanceof EventLog.Request r && r.method().equalsIgnoreCase(method) && matches(r.url())) {
                    return Status.MET;
                }
            }
            return Status.PENDING;
        }

        private boolean matches(String sent) {
            if (!url.startsWith("/")) {
                return sent.equals(url);
            }
            int slash = sent.indexOf('/', sent.indexOf("//") + 2);
            String path = slash < 0 ? "/" : sent.substring(slash);
            return path.equals(url) || !url.contains("?") && path.replaceFirst("[?#].*$", "").equals(url);
        }
    }

    /**
     * Reads {@code swap #id [style] | text SEL contains "…" | count SEL N | message /re/ | request METHOD /path |
     * no-message for D | closed [code]}, each but no-message optionally followed by {@code within D}.
     */
    static Expectation parse(List<String> args, String rest, Duration defaultWithin,
        java.util.function.Function<String, Duration> durations) {
        java.util.regex.Matcher written = java.util.regex.Pattern
            .compile("^message\\s+/(.*)/(?:\\s+within\\s+(\\S+))?\\s*$")
            .matcher(rest);
        if (written.matches()) { // the regular expression as written, spaces and all
            try {
                return new Message(Pattern.compile(written.group(1)),
                    written.group(2) == null ? defaultWithin : durations.apply(written.group(2)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("expect message: bad regular expression: " + e.getDescription());
            }
        }
        if (args.isEmpty()) {
            throw new IllegalArgumentException(
                "expect what? swap, text, count, message, request, no-message or closed");
        }
        List<String> a = args;
        Duration within = defaultWithin;
        int w = a.indexOf("within");
        if (w >= 0) {
            if (w + 1 >= a.size()) {
                throw new IllegalArgumentException("'within' needs a duration (e.g. within 2s)");
            }
            within = durations.apply(a.get(w + 1));
            a = a.subList(0, w);
        }
        String kind = a.get(0);
        switch (kind) {
            case "swap" -> {
                need(a, 2, "expect swap #id [style]");
                return new Swap(a.get(1), a.size() > 2 ? a.get(2) : null, within);
            }
            case "text" -> {
                if (a.size() != 4 || !a.get(2).equals("contains")) {
                    throw new IllegalArgumentException("write: expect text SELECTOR contains \"TEXT\"");
                }
                return new Text(a.get(1), a.get(3), within);
            }
            case "count" -> {
                need(a, 3, "expect count SELECTOR N");
                try {
                    return new Count(a.get(1), Integer.parseInt(a.get(2)), within);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expect count: '" + a.get(2) + "' is not a number");
                }
            }
            case "message" -> {
                need(a, 2, "expect message /REGEX/");
                String re = a.get(1);
                if (re.length() >= 2 && re.startsWith("/") && re.endsWith("/")) {
                    re = re.substring(1, re.length() - 1);
                }
                try {
                    return new Message(Pattern.compile(re), within);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("expect message: bad regular expression: " + e.getDescription());
                }
            }
            case "no-message" -> {
                if (a.size() != 3 || !a.get(1).equals("for")) {
                    throw new IllegalArgumentException("write: expect no-message for DURATION");
                }
                return new NoMessage(durations.apply(a.get(2)));
            }
            case "request" -> {
                need(a, 3, "expect request METHOD /path");
                return new Request(a.get(1), a.get(2), within);
            }
            case "closed" -> {
                try {
                    return new Closed(a.size() > 1 ? Integer.valueOf(a.get(1)) : null, within);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expect closed: '" + a.get(1) + "' is not a close code");
                }
            }
            default -> throw new IllegalArgumentException("unknown expectation '" + kind
                + "' (swap, text, count, message, request, no-message or closed)");
        }
    }

    private static void need(List<String> a, int n, String usage) {
        if (a.size() < n) {
            throw new IllegalArgumentException("write: " + usage);
        }
    }
}
