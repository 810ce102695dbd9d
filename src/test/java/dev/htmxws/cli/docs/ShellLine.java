package dev.htmxws.cli.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code $} line of a README example, split as a POSIX shell would split the little it needs: words with
 * {@code '…'}, {@code "…"} (where {@code \"}, {@code \\}, {@code \$} and {@code \`} are escapes) and backslash
 * escapes; leading {@code NAME=value} words (the command's environment); {@code < FILE} (its standard input); a
 * {@code #} comment at the start of a word. Anything else a shell would give a meaning to (pipes, other
 * redirections, {@code $VAR} apart from {@code echo $?}, {@code ;}, {@code &}, globs) is refused, so that an example
 * never relies on a shell feature the test does not reproduce.
 */
record ShellLine(Map<String, String> env, List<String> words, String stdin) {

    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    static ShellLine parse(String line) {
        List<String> words = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>(); // whether a word had quotes (a quoted "<" is a word, not a redirection)
        StringBuilder w = null;
        boolean anyQuote = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (w != null) {
                    words.add(w.toString());
                    quoted.add(anyQuote);
                    w = null;
                }
                i++;
                continue;
            }
            if (w == null) {
                if (c == '#') {
                    break; // a comment, to the end of the line
                }
                w = new StringBuilder();
                anyQuote = false;
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new Unsupported("an unclosed ' in: " + line);
                }
                w.append(line, i + 1, end);
                anyQuote = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        w.append(line.charAt(i + 1));
                        i += 2;
                    } else if (d == '$' || d == '`') {
                        throw new Unsupported("a substitution the README test does not make, in: " + line);
                    } else {
                        w.append(d);
                        i++;
                    }
                }
                if (i >= n) {
                    throw new Unsupported("an unclosed \" in: " + line);
                }
                anyQuote = true;
                i++;
            } else if (c == '\\' && i + 1 < n) {
                w.append(line.charAt(i + 1));
                anyQuote = true;
                i += 2;
            } else if (line.startsWith("$?", i)) { // echo $?: the one expansion the README test makes
                w.append("$?");
                i += 2;
            } else if ("|&;>()`*?[]{}$".indexOf(c) >= 0) {
                throw new Unsupported("'" + c + "' (a shell feature the README test does not reproduce) in: " + line);
            } else {
                w.append(c);
                i++;
            }
        }
        if (w != null) {
            words.add(w.toString());
            quoted.add(anyQuote);
        }
        Map<String, String> env = new LinkedHashMap<>();
        while (!words.isEmpty() && !quoted.get(0) && words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            String a = words.remove(0);
            quoted.remove(0);
            env.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        String stdin = null;
        int lt = -1;
        for (int k = 0; k < words.size(); k++) {
            if (!quoted.get(k) && words.get(k).equals("<")) {
                lt = k;
            } else if (!quoted.get(k) && words.get(k).startsWith("<")) {
                throw new Unsupported("write '< FILE' with a space, in: " + line);
            }
        }
        if (lt >= 0) {
            if (lt != words.size() - 2) {
                throw new Unsupported("'< FILE' goes at the end of the line, in: " + line);
            }
            stdin = words.get(lt + 1);
            words = new ArrayList<>(words.subList(0, lt));
        }
        if (words.isEmpty()) {
            throw new Unsupported("no command in: " + line);
        }
        return new ShellLine(Map.copyOf(env), List.copyOf(words), stdin);
    }

    String program() {
        return words.get(0);
    }

    List<String> args() {
        return words.subList(1, words.size());
    }
}
