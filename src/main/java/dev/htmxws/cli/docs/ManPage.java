package dev.htmxws.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A troff man page (man(7) macros) for one command, straight from the picocli model: NAME, SYNOPSIS, DESCRIPTION,
 * COMMANDS (top level), ARGUMENTS, OPTIONS, EXIT STATUS (the command's exit code list), EXAMPLES (the indented
 * lines of its footer) and SEE ALSO. No date and no version in it, so the committed pages only change with the model.
 */
final class ManPage {

    private ManPage() {
    }

    /** {@code htmxws.1}, {@code htmxws-send.1}. */
    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String render(CommandSpec spec) {
        String page = pageName(spec);
        String root = spec.root().name();
        StringBuilder sb = new StringBuilder();
        sb.append(".\\\" Generated from the picocli model by ").append(ReleaseDocs.class.getName())
            .append("; do not edit.\n");
        sb.append(".TH ").append(esc(page.toUpperCase(Locale.ROOT))).append(" 1 \"\" \"").append(esc(root))
            .append("\" \"").append(esc(root)).append(" Manual\"\n");
        sb.append(".nh\n.ad l\n"); // no hyphenation, ragged right: options and URLs stay whole and typeable

        sb.append(".SH NAME\n").append(esc(page)).append(" \\- ").append(esc(Text.summary(spec))).append('\n');

        sb.append(".SH SYNOPSIS\n").append(synopsis(spec)).append('\n');

        sb.append(".SH DESCRIPTION\n").append(esc(Text.paragraph(spec.usageMessage().description()))).append('\n');
        Footer footer = footer(spec);
        for (String p : footer.text) {
            sb.append(".PP\n").append(esc(p)).append('\n');
        }

        Map<String, CommandLine> subs = spec.subcommands();
        if (!subs.isEmpty()) {
            sb.append(".SH COMMANDS\n");
            for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
                CommandSpec sub = e.getValue().getCommandSpec();
                if (sub.usageMessage().hidden()) {
                    continue;
                }
                sb.append(".TP\n\\fB").append(esc(e.getKey())).append("\\fR\n").append(esc(Text.summary(sub)));
                sb.append(ReleaseDocs.documented(e.getValue()) ? "; see \\fB" + esc(pageName(sub)) + "\\fR(1)." : ".")
                    .append('\n');
            }
        }

        List<PositionalParamSpec> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positionals.add(p);
            }
        }
        if (!positionals.isEmpty()) {
            sb.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                sb.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR");
                if (p.arity().max() > 1) {
                    sb.append("...");
                }
                sb.append('\n').append(esc(Text.paragraph(p.description())));
                List<String> values = Text.candidates(p);
                if (!values.isEmpty() && p.completionCandidates() != null) {
                    sb.append(" One of: ").append(esc(String.join(", ", values))).append('.');
                }
                sb.append('\n');
            }
        }

        List<OptionSpec> options = new ArrayList<>();
        List<OptionSpec> standard = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            (o.usageHelp() || o.versionHelp() ? standard : options).add(o);
        }
        options.addAll(standard);
        if (!options.isEmpty()) {
            sb.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                sb.append(".TP\n");
                String[] names = o.names();
                for (int i = 0; i < names.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append("\\fB").append(esc(names[i])).append("\\fR");
                }
                if (Text.takesValue(o)) {
                    sb.append("=\\fI").append(esc(o.paramLabel())).append("\\fR");
                }
                sb.append('\n').append(esc(Text.paragraph(o.description())));
                if (o.completionCandidates() != null && Text.takesValue(o) && !o.paramLabel().contains("|")) {
                    sb.append(" One of: ").append(esc(String.join(", ", Text.candidates(o)))).append('.');
                }
                sb.append('\n');
            }
        }

        Map<String, String> exits = spec.usageMessage().exitCodeList();
        if (!exits.isEmpty()) {
            sb.append(".SH EXIT STATUS\n");
            for (Map.Entry<String, String> e : exits.entrySet()) {
                sb.append(".TP\n\\fB").append(esc(e.getKey().strip())).append("\\fR\n")
                    .append(esc(e.getValue().strip()))
                    .append('\n');
            }
        }

        if (!footer.examples.isEmpty()) {
            sb.append(".SH EXAMPLES\n.PP\n.nf\n.RS 4\n");
            for (String ex : footer.examples) {
                sb.append(esc(ex)).append('\n');
            }
            sb.append(".RE\n.fi\n");
            for (String p : footer.afterExamples) {
                sb.append(".PP\n").append(esc(p)).append('\n');
            }
        }

        sb.append(".SH SEE ALSO\n");
        List<String> see = new ArrayList<>();
        if (spec.parent() != null) {
            see.add(pageName(spec.parent()));
        }
        for (CommandLine sub : subs.values()) {
            if (ReleaseDocs.documented(sub)) {
                see.add(pageName(sub.getCommandSpec()));
            }
        }
        for (int i = 0; i < see.size(); i++) {
            sb.append("\\fB").append(esc(see.get(i))).append("\\fR(1)").append(i < see.size() - 1 ? ",\n" : "\n");
        }
        return sb.toString();
    }

    /** {@code htmxws send [OPTIONS] [URL]}: options in one word, the positionals by label. */
    private static String synopsis(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append("\\fB").append(esc(spec.qualifiedName())).append("\\fR");
        if (!spec.options().isEmpty()) {
            sb.append(" [\\fIOPTIONS\\fR]");
        }
        if (!spec.subcommands().isEmpty()) {
            sb.append(" \\fI").append(esc(spec.usageMessage().synopsisSubcommandLabel().replaceAll("[\\[\\]]", "")))
                .append("\\fR [\\fIARGS\\fR]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String label = "\\fI" + esc(p.paramLabel()) + "\\fR" + (p.arity().max() > 1 ? "..." : "");
            sb.append(' ').append(p.arity().min() > 0 ? label : "[" + label + "]");
        }
        return sb.toString();
    }

    /** The footer split into paragraphs of text and example lines (those indented in the help). */
    private record Footer(List<String> text, List<String> examples, List<String> afterExamples) {
    }

    private static Footer footer(CommandSpec spec) {
        List<String> text = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        List<String> after = new ArrayList<>();
        boolean exampleSection = String.join("", spec.usageMessage().footerHeading()).contains("Example");
        for (String line : spec.usageMessage().footer()) {
            for (String l : line.split("%n", -1)) {
                if (l.isBlank()) {
                    continue;
                }
                if (exampleSection && Character.isWhitespace(l.charAt(0))) {
                    examples.add(l.strip());
                } else {
                    (examples.isEmpty() ? text : after).add(l.strip());
                }
            }
        }
        return new Footer(text, examples, after);
    }

    /**
     * Text for troff: backslashes, hyphens as minus signs (options stay typeable), characters outside ASCII as
     * {@code \[uXXXX]} (groff reads its input as Latin-1 unless preconv runs), control characters at line start.
     */
    static String esc(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\\') {
                sb.append("\\e");
            } else if (c == '-') {
                sb.append("\\-");
            } else if (c > 126) {
                sb.append(String.format(Locale.ROOT, "\\[u%04X]", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        String t = sb.toString();
        if (t.startsWith(".") || t.startsWith("'")) {
            t = "\\&" + t;
        }
        return t;
    }
}
