package dev.htmxws.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Reads the shell's command language: {@code /command args…} (the slash optional in scripts), {@code #}
 * comments, words split on spaces with "double" or 'single' quotes, {@code ${NAME}} replaced from the
 * environment, and a plain {@code name=value name2="two words"} line meaning {@code send}.
 */
public final class LineParser {

    /** A line that cannot be read; the message names the problem. */
    public static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    private final UnaryOperator<String> env;

    public LineParser(UnaryOperator<String> env) {
        this.env = env;
    }

    /** The command on a line, or null for a blank line or a comment. */
    public ScriptLine parse(String text, String where) {
        String t = text.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return null;
        }
        t = substitute(t, where);
        if ((t.startsWith("{") || t.startsWith("[")) && isJson(t)) {
            return new ScriptLine("json", List.of(), t, text, where); // typed as a wscat user would: sent as is
        }
        if (t.startsWith("/")) {
            t = t.substring(1);
        }
        int space = indexOfSpace(t);
        String first = space < 0 ? t : t.substring(0, space);
        String rest = space < 0 ? "" : t.substring(space + 1).strip();
        if (first.contains("=") && !first.startsWith("=")) {
            return new ScriptLine("send", words(t, where), t, text, where);
        }
        String command = first.toLowerCase(Locale.ROOT);
        if (command.equals("raw") || command.equals("json")) {
            return new ScriptLine(command, List.of(), rest, text, where); // message text: quotes are its own
        }
        return new ScriptLine(command, words(rest, where), rest, text, where);
    }

    private static boolean isJson(String t) {
        try {
            dev.htmxws.protocol.js.JsonText.parse(t);
            return true;
        } catch (dev.htmxws.protocol.js.JsonText.SyntaxError e) {
            return false;
        }
    }

    private String substitute(String t, String where) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            int at = t.indexOf("${", i);
            if (at < 0) {
                b.append(t, i, t.length());
                break;
            }
            int end = t.indexOf('}', at);
            if (end < 0) {
                throw new SyntaxError("unclosed ${ in \"" + t + "\"");
            }
            String name = t.substring(at + 2, end);
            String value = env.apply(name);
            if (value == null) {
                throw new SyntaxError("${" + name + "} is not set in the environment");
            }
            b.append(t, i, at).append(value);
            i = end + 1;
        }
        return b.toString();
    }

    private static int indexOfSpace(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (Character.isWhitespace(t.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Splits on whitespace, keeping quoted parts together (quotes may sit inside a word: a="b c"). */
    static List<String> words(String s, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
                    w.append(s.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new SyntaxError("unclosed " + quote + " in \"" + s + "\"");
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
