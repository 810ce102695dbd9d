package dev.htmxws.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Option defaults from the environment and from properties files, so that {@code htmxws send --form
 * chat_message=hi} works in a project that set its URL once: the URL from {@code HTMXWS_URL}, then from
 * {@code ./.htmxws.properties}, then {@code ~/.config/htmxws/defaults.properties} ({@code url=…}); any
 * option by its long name without dashes ({@code timeout=10s}, {@code htmx=4}, {@code origin=…}); {@code serve}'s
 * options under {@code serve.NAME}, since its {@code --page} is a file and its limits are the server's.
 */
final class DefaultsProvider implements IDefaultValueProvider {

    static final String LOCAL = ".htmxws.properties";

    private final List<Properties> files = new ArrayList<>();

    private final java.util.function.UnaryOperator<String> env;

    DefaultsProvider() {
        this(System::getenv, Path.of("."), Path.of(System.getProperty("user.home")));
    }

    /** For tests: the environment, the working folder and the home folder to read from. */
    DefaultsProvider(java.util.function.UnaryOperator<String> env, Path workingDir, Path home) {
        this.env = env;
        load(workingDir.resolve(LOCAL));
        String xdg = env.apply("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        load(config.resolve("htmxws").resolve("defaults.properties"));
    }

    private void load(Path p) {
        if (!Files.isRegularFile(p)) {
            return;
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
            files.add(props);
        } catch (IOException e) {
            throw new UsageException("cannot read defaults file " + p + ": " + e.getMessage());
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        String key;
        if (arg instanceof PositionalParamSpec p && "URL".equals(p.paramLabel())) {
            String fromEnv = env.apply("HTMXWS_URL");
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv;
            }
            key = "url";
        } else if (arg instanceof OptionSpec o) {
            key = o.longestName().replaceFirst("^-+", "");
            if (o.command() != null && "demo".equals(o.command().name())) {
                return null; // the demo is the same everywhere: no project's defaults change it
            }
            if (o.command() != null && "serve".equals(o.command().name())) {
                key = "serve." + key; // serve's --page is a file, its --max-message-size a server limit: its own keys
            }
        } else {
            return null;
        }
        for (Properties p : files) {
            String v = p.getProperty(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String noUrlMessage() {
        return "no URL: give a ws:// URL or an http(s):// page URL as an argument, or --page URL|FILE, or set HTMXWS_URL,"
            + " or put url=… in ./" + LOCAL + " or ~/.config/htmxws/defaults.properties";
    }
}
