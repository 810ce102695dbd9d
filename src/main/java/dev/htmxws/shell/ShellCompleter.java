package dev.htmxws.shell;

import dev.htmxws.script.ScriptEngine;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from what the current page holds: the first word completes to a {@code /command} or a
 * {@code field=}; after a command, what that command takes: selectors (element ids and send elements) for
 * submit, click, change, type, text and dom, {@code field=} for send, fill and submit, and the kinds of
 * expectation after expect.
 */
final class ShellCompleter implements Completer {

    static final List<String> EXPECT_KINDS = List.of("swap", "text", "count", "message", "no-message", "closed");

    private final Supplier<ScriptEngine.Completions> page;

    /** @param page what the page holds now (asked on each Tab) */
    ShellCompleter(Supplier<ScriptEngine.Completions> page) {
        this.page = page;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        ScriptEngine.Completions c = page.get();
        int index = line.wordIndex();
        if (index == 0) {
            c.commands().forEach(cmd -> candidates.add(word("/" + cmd, "commands")));
            c.fields().forEach(f -> candidates.add(field(f)));
            return;
        }
        String first = line.words().get(0);
        String command = first.startsWith("/") ? first.substring(1).toLowerCase(Locale.ROOT)
            : first.indexOf('=') > 0 ? "send" : first.toLowerCase(Locale.ROOT);
        switch (command) {
            case "send", "fill" -> c.fields().forEach(f -> candidates.add(field(f)));
            case "submit" -> {
                if (index == 1) {
                    selectors(c, candidates);
                } else {
                    c.fields().forEach(f -> candidates.add(field(f)));
                }
            }
            case "click", "change", "type", "text", "dom" -> {
                if (index == 1) {
                    selectors(c, candidates);
                }
            }
            case "expect" -> {
                if (index == 1) {
                    EXPECT_KINDS.forEach(k -> candidates.add(word(k, "expectations")));
                } else if (index == 2 && List.of("swap", "text", "count").contains(line.words().get(1))) {
                    selectors(c, candidates);
                } else {
                    candidates.add(word("within", null));
                }
            }
            default -> {
                // raw, json, record, close…: free text
            }
        }
    }

    private static void selectors(ScriptEngine.Completions c, List<Candidate> candidates) {
        Set<String> seen = new LinkedHashSet<>(c.ids());
        c.ids().forEach(id -> candidates.add(word(id, "ids")));
        c.sendElements().stream().filter(seen::add).forEach(s -> candidates.add(word(s, "send elements")));
    }

    private static Candidate word(String value, String group) {
        return new Candidate(value, value, group, null, null, null, true);
    }

    /** {@code name=}, with no space after it: the value comes next. */
    private static Candidate field(String name) {
        return new Candidate(name + "=", name + "=", "fields", null, null, null, false);
    }
}
