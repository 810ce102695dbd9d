package dev.htmxws.cli.docs;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A fish completion script from the picocli model (picocli has no fish generator): the subcommands with their
 * summaries, then each command's options with their descriptions, whether they take a value, the values picocli
 * knows, and file completion for file arguments.
 */
final class FishCompletion {

    private FishCompletion() {
    }

    static String generate(CommandSpec root) {
        String name = root.name();
        StringBuilder sb = new StringBuilder();
        sb.append("# fish completion for ").append(name).append(", generated from its picocli model by ")
            .append(ReleaseDocs.class.getName()).append(".\n")
            .append("# Install: cp ").append(name).append(".fish ~/.config/fish/completions/\n")
            .append("#      or: ").append(name).append(" completion fish > ~/.config/fish/completions/").append(name)
            .append(".fish\n\n")
            .append("complete -c ").append(name).append(" -e\n")
            .append("complete -c ").append(name).append(" -f\n\n");

        Map<String, CommandLine> subs = root.subcommands();
        String names = String.join(" ", subs.keySet());
        sb.append("# commands\n");
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden()) {
                continue;
            }
            sb.append("complete -c ").append(name).append(" -n __fish_use_subcommand -a ").append(quote(e.getKey()))
                .append(" -d ").append(quote(Text.summary(sub))).append('\n');
        }
        sb.append("\n# ").append(name).append(" options\n");
        options(sb, name, "__fish_use_subcommand", root);

        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden()) {
                continue;
            }
            String cond = quote("__fish_seen_subcommand_from " + e.getKey());
            sb.append("\n# ").append(name).append(' ').append(e.getKey()).append('\n');
            if (e.getValue().getCommand() instanceof CommandLine.HelpCommand) {
                sb.append("complete -c ").append(name).append(" -n ").append(cond).append(" -a ").append(quote(names))
                    .append('\n');
            }
            for (PositionalParamSpec p : sub.positionalParameters()) {
                if (p.hidden()) {
                    continue;
                }
                List<String> values = Text.candidates(p);
                if (!values.isEmpty()) {
                    sb.append("complete -c ").append(name).append(" -n ").append(cond).append(" -a ")
                        .append(quote(String.join(" ", values))).append('\n');
                } else if (Text.isFile(p)) {
                    sb.append("complete -c ").append(name).append(" -n ").append(cond).append(" -F\n");
                }
            }
            options(sb, name, cond, sub);
        }
        return sb.toString();
    }

    private static void options(StringBuilder sb, String name, String cond, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            sb.append("complete -c ").append(name).append(" -n ").append(cond);
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    sb.append(" -l ").append(n.substring(2));
                } else if (n.length() == 2) {
                    sb.append(" -s ").append(n.substring(1));
                } else {
                    sb.append(" -o ").append(n.substring(1));
                }
            }
            if (Text.takesValue(o)) {
                List<String> values = Text.candidates(o);
                if (!values.isEmpty()) {
                    sb.append(" -x -a ").append(quote(String.join(" ", values)));
                } else if (Text.isFile(o)) {
                    sb.append(" -r -F");
                } else {
                    sb.append(" -x");
                }
            }
            sb.append(" -d ").append(quote(Text.summary(o.description()))).append('\n');
        }
    }

    /** A fish single-quoted word. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
