package dev.htmxws.cli.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** What the generators read from the model: descriptions as text, value candidates, file-valued arguments. */
final class Text {

    /** A paramLabel that spells its choices out: {@code text|ndjson}, {@code 1|2|4} (not {@code URL|FILE}). */
    private static final Pattern CHOICES = Pattern.compile("[a-z0-9][a-z0-9-]*(\\|[a-z0-9][a-z0-9-]*)+");

    private Text() {
    }

    /** The description lines joined into one paragraph ({@code %n} and line breaks become spaces). */
    static String paragraph(String[] lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String t = l.replace("%n", " ").strip();
            if (!t.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(t);
            }
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    /** The first sentence of a description, without its final period: a one-line summary. */
    static String summary(String[] lines) {
        String p = paragraph(lines);
        int end = p.length();
        for (int i = 0; i < p.length() - 1; i++) {
            if (p.charAt(i) == '.' && p.charAt(i + 1) == ' '
                && !p.substring(0, i).matches("(?s).*\\b(e\\.g|i\\.e|etc)")) {
                end = i;
                break;
            }
        }
        String s = p.substring(0, end);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * A command's summary for NAME and command lists: its header, else its first sentence shortened to the clause
     * before a parenthesis, colon or semicolon, and to the clause before a comma while still longer than 60.
     */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return summary(header);
        }
        String s = summary(spec.usageMessage().description());
        s = cut(s, " (", ": ", "; ");
        return s.length() > 60 ? cut(s, ", ") : s;
    }

    private static String cut(String s, String... marks) {
        int end = s.length();
        for (String m : marks) {
            int i = s.indexOf(m, 20);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, end);
    }

    /** The values picocli knows for an argument (enum constants, completionCandidates), else those its label lists. */
    static List<String> candidates(ArgSpec arg) {
        List<String> values = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            for (String c : arg.completionCandidates()) {
                values.add(c);
            }
        } else if (arg.paramLabel() != null && CHOICES.matcher(arg.paramLabel()).matches()) {
            values.addAll(List.of(arg.paramLabel().split("\\|")));
        }
        return values;
    }

    /** Whether the argument names a file or folder: a Path type, or FILE/DIR in its label. */
    static boolean isFile(ArgSpec arg) {
        Class<?> t = arg.type();
        Class<?>[] aux = arg.auxiliaryTypes();
        boolean path = Path.class.isAssignableFrom(t) || java.io.File.class.isAssignableFrom(t)
            || (aux != null && aux.length > 0
                && (Path.class.isAssignableFrom(aux[0]) || java.io.File.class.isAssignableFrom(aux[0])));
        String label = arg.paramLabel() == null ? "" : arg.paramLabel();
        return path || label.matches(".*\\b(FILE|DIR)\\b.*");
    }

    /** Whether the argument takes a value on the command line (not a boolean flag). */
    static boolean takesValue(ArgSpec arg) {
        return arg.arity().max() > 0;
    }
}
