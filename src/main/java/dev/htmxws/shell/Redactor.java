package dev.htmxws.shell;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of secrets in a shell line before it reaches the history file: headers such as
 * Authorization and Cookie, and any name containing token, secret, password, passwd, api-key or
 * credential, whether written {@code name=value}, {@code name: value} or {@code "name":"value"}.
 *
 * <ul>
 *   <li>a quoted value keeps its quotes: {@code {"password":"p"}} becomes {@code {"password":"***"}};</li>
 *   <li>a {@code name: value} (header) value runs to the closing quote, the end of the line, a comma or a
 *   brace, and keeps its scheme: {@code -H 'Authorization: Bearer abc'} becomes
 *   {@code -H 'Authorization: Bearer ***'}; a cookie's value is treated the same way, whatever the
 *   separator ({@code cookie=a=b; c=d} becomes {@code cookie=***});</li>
 *   <li>a {@code name=value} value runs to a space, a quote, {@code &}, a comma or a brace:
 *   {@code csrf_token=xyz} becomes {@code csrf_token=***};</li>
 *   <li>a value that is only a {@code ${VARIABLE}} reference is no secret and is kept.</li>
 * </ul>
 */
final class Redactor {

    static final String MASK = "***";

    private static final Pattern NAME = Pattern.compile(
        "(?i)[\\w.-]*(authorization|cookie|token|secret|password|passwd|api[-_]?key|credential)[\\w.-]*"
            + "([\"']?)(\\s*[:=][ \\t]*)");
    private static final Pattern SCHEME = Pattern.compile("(?i)(bearer|basic|digest|token|negotiate)[ \\t]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private Redactor() {
    }

    static String redact(String line) {
        Matcher m = NAME.matcher(line);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int from = 0;
        while (from < line.length() && m.find(from)) {
            int start = m.end();
            boolean headerStyle = m.group(3).contains(":") || m.group(1).toLowerCase(Locale.ROOT).equals("cookie");
            int[] span = valueSpan(line, start, headerStyle);
            int vs = span[0];
            int ve = span[1];
            from = Math.max(ve, m.end());
            if (ve <= vs || VARIABLE.matcher(line.substring(vs, ve)).matches()) {
                continue;
            }
            out.append(line, copied, vs).append(MASK);
            copied = ve;
        }
        out.append(line, copied, line.length());
        return out.toString();
    }

    /** Where the value after a name and its separator starts and ends (the part to replace). */
    private static int[] valueSpan(String line, int start, boolean headerStyle) {
        if (start >= line.length()) {
            return new int[] {start, start};
        }
        char c = line.charAt(start);
        if (c == '"' || c == '\'') {
            int i = start + 1;
            while (i < line.length() && line.charAt(i) != c) {
                i += c == '"' && line.charAt(i) == '\\' ? 2 : 1;
            }
            return new int[] {start + 1, Math.min(i, line.length())};
        }
        int vs = start;
        if (headerStyle) {
            Matcher scheme = SCHEME.matcher(line).region(start, line.length());
            if (scheme.lookingAt()) {
                vs = scheme.end();
            }
        }
        int close = line.indexOf('}', vs);
        if (line.startsWith("${", vs) && close > 0) {
            return new int[] {vs, close + 1}; // a reference: kept whole
        }
        int ve = vs;
        while (ve < line.length() && !ends(line.charAt(ve), headerStyle)) {
            ve++;
        }
        while (ve > vs && Character.isWhitespace(line.charAt(ve - 1))) {
            ve--; // the spaces before a closing quote stay
        }
        return new int[] {vs, ve};
    }

    private static boolean ends(char c, boolean headerStyle) {
        if (c == '"' || c == '\'' || c == '\n' || c == '\r' || c == ',' || c == '}') {
            return true;
        }
        return !headerStyle && (Character.isWhitespace(c) || c == '&');
    }
}
