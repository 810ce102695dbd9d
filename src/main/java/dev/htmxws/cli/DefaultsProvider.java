package dev.htmxws.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Option defaults from the environment and from properties files, so that {@code htmxws send --form
 * chat_message=hi} works in a project that set its URL once: the URL from {@code HTMXWS_URL}, then from
 * {@code ./.htmxws.properties}, then {@code ~/.config/htmxws/defaults.properties} ({@code url=…}). A key is an
 * option's long name without dashes: unprefixed ({@code timeout=10s}, {@code htmx=4}) for the connection commands
 * (send, listen, connect), which share their options; {@code COMMAND.NAME} for one command ({@code send.format=raw},
 * {@code serve.port=8001}, {@code migrate.format=json}), which wins over an unprefixed key. A key no command has is
 * warned about; a value that fails says where it came from.
 */
final class DefaultsProvider implements IDefaultValueProvider {

    static final String LOCAL = ".htmxws.properties";

    /** The commands that read unprefixed keys: they share ConnectionOptions and most output options. */
    private static final Set<String> SHARED = Set.of("send", "listen", "connect");

    private record Source(String name, Properties props) {
    }

    private final List<Source> files = new ArrayList<>();

    private final java.util.function.UnaryOperator<String> env;

    /** Where each value handed to picocli came from ("./.htmxws.properties (timeout=5x)"). */
    private final Map<ArgSpec, String[]> supplied = new LinkedHashMap<>();

    DefaultsProvider() {
        this(System::getenv, Path.of("."), Path.of(System.getProperty("user.home")));
    }

    /** For tests: the environment, the working folder and the home folder to read from. */
    DefaultsProvider(java.util.function.UnaryOperator<String> env, Path workingDir, Path home) {
        this.env = env;
        load(workingDir.resolve(LOCAL), "./" + LOCAL);
        String xdg = env.apply("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        Path user = config.resolve("htmxws").resolve("defaults.properties");
        load(user, user.toString());
    }

    private void load(Path p, String name) {
        if (!Files.isRegularFile(p)) {
            return;
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
            files.add(new Source(name, props));
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read defaults file " + p + ": " + e.getMessage());
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String command = arg.command() == null ? "" : arg.command().name();
        String key;
        if (arg instanceof PositionalParamSpec p && "URL".equals(p.paramLabel())) {
            String fromEnv = env.apply("HTMXWS_URL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                supplied.put(arg, new String[] {fromEnv, "HTMXWS_URL"});
                return fromEnv;
            }
            key = "url";
        } else if (arg instanceof OptionSpec o) {
            key = o.longestName().replaceFirst("^-+", "");
            if ("demo".equals(command)) {
                return null; // the demo is the same everywhere: no project's defaults change it
            }
        } else {
            return null;
        }
        for (Source f : files) {
            for (String k : SHARED.contains(command) ? List.of(command + "." + key, key)
                : List.of(command + "." + key)) {
                String v = f.props().getProperty(k);
                if (v != null) {
                    supplied.put(arg, new String[] {v, f.name() + " (" + k + "=" + v + ")"});
                    return v;
                }
            }
        }
        return null;
    }

    /**
     * Where the value an error message speaks of came from, when a default supplied it and the command line did not
     * override it: "; it comes from HTMXWS_URL", or "". The message quotes the value ('ws://a b/').
     *
     * @param given the command line as parsed (null when parsing failed: then defaults were being applied)
     */
    String sourceOf(String message, ParseResult given) {
        for (Map.Entry<ArgSpec, String[]> e : supplied.entrySet()) {
            ArgSpec arg = e.getKey();
            if (given != null && given.matchedArgs().contains(arg)) {
                continue;
            }
            String value = e.getValue()[0];
            if (!value.isEmpty() && message.contains("'" + value + "'")) {
                return "; it comes from " + e.getValue()[1];
            }
        }
        return "";
    }

    /** One warning per key that no command reads, naming the file and the nearest key that exists. */
    List<String> unknownKeys(java.util.function.Supplier<CommandLine> tree) {
        if (files.isEmpty()) {
            return List.of(); // (the whole tree is built only when there are keys to check)
        }
        CommandLine root = tree.get();
        Set<String> known = new TreeSet<>(List.of("url"));
        SHARED.forEach(c -> known.add(c + ".url"));
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            if (sub.getKey().equals("demo") || sub.getKey().equals("help")) {
                continue;
            }
            for (OptionSpec o : sub.getValue().getCommandSpec().options()) {
                String name = o.longestName().replaceFirst("^-+", "");
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                known.add(sub.getKey() + "." + name);
                if (SHARED.contains(sub.getKey())) {
                    known.add(name);
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        for (Source f : files) {
            for (String k : new TreeSet<>(f.props().stringPropertyNames())) {
                if (!known.contains(k)) {
                    warnings.add("htmxws: warning: " + f.name() + ": unknown key '" + k + "', ignored"
                        + Failures.didYouMean(k, known));
                }
            }
        }
        return warnings;
    }
    static String noUrlMessage() {
        return "no URL: give a ws:// URL or an http(s):// page URL as an argument, or --page URL|FILE, or set HTMXWS_URL,"
            + " or put url=… in ./" + LOCAL + " or ~/.config/htmxws/defaults.properties";
    }
}
