package dev.htmxws.cli.docs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What legitimately differs between two runs of the same README example, and the placeholder each becomes before the
 * README's output and a real run's are compared. The README keeps the values of the run that wrote it (they read as
 * real output); only the comparison sees the placeholders:
 * <ul>
 * <li>{@code <port>}: the port of a loopback address ({@code 127.0.0.1:39783}; servers take free ports, clients
 * ephemeral ones);</li>
 * <li>{@code <ms>}: a measured duration in parentheses ({@code ok: swap #status (33 ms)}), or an NDJSON
 * {@code "ms":33};</li>
 * <li>{@code <s>}: seconds measured by migrate ({@code ; 0.06 s}, {@code "seconds" : 0.432}) or a JUnit report
 * ({@code time="0.037"});</li>
 * <li>{@code <time>}: an ISO-8601 instant ({@code 2026-11-21T21:28:19.496415925Z}).</li>
 * </ul>
 * Anything else (a word, a count, the order of lines) must be the same, so a hand-edited output fails.
 */
final class VaryingParts {

    /** {@code replacement} in {@link Matcher#replaceAll} syntax. */
    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
        new Rule(Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+"), "$1:<port>"),
        new Rule(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), "<time>"),
        new Rule(Pattern.compile("\\((\\d+) ms\\)"), "(<ms> ms)"),
        new Rule(Pattern.compile("\"ms\":\\d+"), "\"ms\":<ms>"),
        new Rule(Pattern.compile("; \\d+\\.\\d+ s\\b"), "; <s> s"),
        new Rule(Pattern.compile("\"seconds\" : \\d+(\\.\\d+)?"), "\"seconds\" : <s>"),
        new Rule(Pattern.compile("\\btime=\"\\d+\\.\\d+\""), "time=\"<s>\""));

    private VaryingParts() {
    }

    static String normalise(String line) {
        String s = line;
        for (Rule r : RULES) {
            s = r.pattern().matcher(s).replaceAll(r.replacement());
        }
        return s;
    }

    static List<String> normalise(List<String> lines) {
        return lines.stream().map(VaryingParts::normalise).toList();
    }
}
