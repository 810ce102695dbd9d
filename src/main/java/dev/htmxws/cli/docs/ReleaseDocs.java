package dev.htmxws.cli.docs;

import dev.htmxws.cli.HtmxwsCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;

/**
 * The shell completion scripts ({@code completions/}) and the man pages ({@code man/}) that the release ships, all
 * generated from the picocli model of {@code htmxws}. {@code GeneratedDocsTest} fails the build when the committed
 * files differ from what this generates; {@code ./mvnw -B test -Dtest=GeneratedDocsTest -Dhtmxws.docs.write=true}
 * (or running this class with the project folder as argument) writes them again.
 */
public final class ReleaseDocs {

    /** The command that brings the committed files up to date, for messages. */
    public static final String REFRESH = "./mvnw -B test -Dtest=GeneratedDocsTest -Dhtmxws.docs.write=true";

    /** The shells {@code htmxws completion} knows. */
    public enum Shell { bash, zsh, fish }

    private ReleaseDocs() {
    }

    /**
     * A fresh model, as {@code Main} builds it but without the defaults provider: the generated text must not depend
     * on the environment or on a properties file of whoever runs the generator.
     */
    public static CommandLine model() {
        CommandLine cl = HtmxwsCommand.full();
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The completion script for a shell, as {@code completions/} holds it. */
    public static String completion(Shell shell) {
        CommandLine cl = model();
        switch (shell) {
            case bash:
                return bash(cl);
            case zsh:
                return zsh(cl);
            default:
                return FishCompletion.generate(cl.getCommandSpec());
        }
    }

    /** Every generated file, by its path relative to the project folder ({@code completions/…}, {@code man/…}). */
    public static Map<String, String> generate() {
        CommandLine cl = model();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("completions/htmxws.bash", bash(cl));
        files.put("completions/htmxws.zsh", zsh(cl));
        files.put("completions/htmxws.fish", FishCompletion.generate(cl.getCommandSpec()));
        files.put("man/htmxws.1", ManPage.render(cl.getCommandSpec()));
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (documented(sub)) {
                files.put("man/" + ManPage.fileName(sub.getCommandSpec()), ManPage.render(sub.getCommandSpec()));
            }
        }
        return files;
    }

    /** Subcommands with a man page of their own: all but {@code help} and hidden ones. */
    static boolean documented(CommandLine sub) {
        return !(sub.getCommand() instanceof HelpCommand) && !sub.getCommandSpec().usageMessage().hidden();
    }

    private static String bash(CommandLine cl) {
        return lf(AutoComplete.bash(cl.getCommandName(), cl));
    }

    /** picocli's script turns on bashcompinit by itself when zsh sources it; only the header differs. */
    private static String zsh(CommandLine cl) {
        String script = bash(cl);
        String body = script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
        return "# htmxws completion for zsh (picocli's bash completion through zsh's bashcompinit).\n"
            + "# Install: source it from ~/.zshrc, e.g.  source /path/to/htmxws.zsh\n"
            + "#      or: source <(htmxws completion zsh)\n"
            + body;
    }

    private static String lf(String s) {
        String t = s.replace("\r\n", "\n");
        return t.endsWith("\n") ? t : t + "\n";
    }

    /** Writes every generated file under {@code root} (default: the working folder) and lists what changed. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (String changed : write(root)) {
            System.out.println("wrote " + root.resolve(changed));
        }
    }

    /** Writes the files that differ (or are missing) under {@code root}; returns their relative paths. */
    public static java.util.List<String> write(Path root) throws IOException {
        java.util.List<String> changed = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : generate().entrySet()) {
            Path p = root.resolve(e.getKey());
            byte[] want = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(p) && java.util.Arrays.equals(Files.readAllBytes(p), want)) {
                continue;
            }
            Files.createDirectories(p.getParent());
            Files.write(p, want);
            changed.add(e.getKey());
        }
        return changed;
    }
}
