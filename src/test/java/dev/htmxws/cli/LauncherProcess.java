package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs a launcher script ({@code ./htmxws}, or {@code bin/htmxws} of an unpacked release) as a user would: a given
 * JAVA_HOME, none of the HTMXWS_ or JVM option variables of whoever runs the tests, standard input from /dev/null,
 * output captured in files, and a time limit.
 */
final class LauncherProcess {

    /** What a restricted-method warning of JDK 22+ starts with (JLine loading its native library, unless allowed). */
    static final String RESTRICTED_WARNING = "WARNING: A restricted method";

    record Run(int code, String out, String err) {
    }

    /** A started process and the files its output goes to. */
    record Started(Process process, Path out, Path err) {
    }

    private final Path tmp;
    private final Path javaHome;
    private final Map<String, String> baseEnv;

    LauncherProcess(Path tmp, Path javaHome) {
        this(tmp, javaHome, Map.of());
    }

    /** {@code baseEnv}: variables every run gets (before those of the run). */
    LauncherProcess(Path tmp, Path javaHome, Map<String, String> baseEnv) {
        this.tmp = tmp;
        this.javaHome = javaHome;
        this.baseEnv = baseEnv;
    }

    Path javaHome() {
        return javaHome;
    }

    Run run(Map<String, String> env, Path dir, List<String> cmd) throws Exception {
        return finish(start(env, cmd, dir));
    }

    Started start(Map<String, String> env, List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        cleanEnvironment(pb.environment(), env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return new Started(pb.start(), out, err);
    }

    Run finish(Started s) throws Exception {
        if (!s.process().waitFor(120, TimeUnit.SECONDS)) {
            s.process().destroyForcibly();
            throw new AssertionError("the launcher did not finish within 120 s");
        }
        return new Run(s.process().exitValue(), Files.readString(s.out(), StandardCharsets.UTF_8),
            Files.readString(s.err(), StandardCharsets.UTF_8));
    }

    /** The classes of {@code dev.htmxws}, picocli and jsoup (and all others) that a run loaded from the archive. */
    Set<String> loadedFromArchive(Path launcher, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Run r = run(Map.of("HTMXWS_JAVA_OPTS", "-Xlog:class+load=info"), tmp, cmd);
        Set<String> shared = new LinkedHashSet<>();
        r.out().lines()
            .filter(l -> l.endsWith(" source: shared objects file") || l.endsWith(" source: shared objects file (top)"))
            .map(l -> l.replaceFirst("^.*\\]\\s*", "").replaceFirst(" source: .*$", ""))
            .forEach(shared::add);
        return shared;
    }

    /**
     * A command run on a terminal of its own (through script(1)), so that JLine opens it as in a user's shell. Its
     * output and error output both come back in {@link Run#out}. {@code whenReady} says when the program is ready
     * for {@code input} (typed then, followed by Return); it is polled for at most 60 s.
     */
    Run onTerminal(List<String> cmd, java.util.function.BooleanSupplier whenReady, String input) throws Exception {
        StringBuilder line = new StringBuilder();
        for (String c : cmd) {
            line.append(line.length() == 0 ? "" : " ").append('\'').append(c.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null").directory(tmp.toFile());
        cleanEnvironment(pb.environment(), Map.of("TERM", "xterm"));
        Path out = Files.createTempFile(tmp, "tty", ".txt");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            org.awaitility.Awaitility.await("the program on the terminal to get ready").atMost(60, TimeUnit.SECONDS)
                .until(() -> whenReady.getAsBoolean() || !p.isAlive());
            in.write((input + "\r").getBytes(StandardCharsets.UTF_8));
            in.flush();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("no exit within 60 s after " + input + "; the terminal showed:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
            }
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
    }

    private void cleanEnvironment(Map<String, String> e, Map<String, String> env) {
        e.keySet()
            .removeIf(k -> k.startsWith("HTMXWS_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS")
                || k.equals("_JAVA_OPTIONS"));
        e.put("JAVA_HOME", javaHome.toString());
        e.putAll(baseEnv);
        e.putAll(env);
    }

    static boolean hasScriptCommand() {
        return Stream.of("/usr/bin/script", "/bin/script").map(Path::of).anyMatch(Files::isExecutable);
    }

    static boolean hasBash() {
        return !System.getProperty("os.name").toLowerCase().contains("win")
            && Stream.of("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash")
                .anyMatch(p -> Files.isExecutable(Path.of(p)));
    }

    /** The JVM running the tests. */
    static Path currentJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /**
     * A JDK of at least the given feature version: {@code -Dhtmxws.test.jdkN=PATH}, the JVM running the tests, or one
     * of the JDKs in /usr/lib/jvm (the newest first).
     */
    static Optional<Path> jdk(int minFeature) throws IOException {
        String given = System.getProperty("htmxws.test.jdk" + minFeature);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        if (Runtime.version().feature() >= minFeature) {
            return Optional.of(currentJavaHome());
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        Predicate<Path> fits = home -> Files.isExecutable(home.resolve("bin/java")) && feature(home) >= minFeature;
        try (Stream<Path> s = Files.list(jvms)) {
            return s.filter(fits).max(java.util.Comparator.comparingInt(LauncherProcess::feature));
        }
    }

    /** The feature version of a JDK from its release file; 0 when it cannot be read. */
    static int feature(Path home) {
        try {
            for (String l : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
                if (l.startsWith("JAVA_VERSION=")) {
                    String v = l.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** A legacy template with one connect and one send: what migrate --check runs on here. */
    static Path writeTemplate(Path dir) throws IOException {
        return Files.writeString(dir.resolve("one.html"),
            "<div hx-ws=\"connect:/chat\">\n  <form hx-ws=\"send\"><input name=\"m\"></form>\n</div>\n");
    }

    /** migrate --check on {@link #writeTemplate}'s file: exit 1, the file named on stdout, the summary on stderr. */
    static void assertMigrateCheck(Run r, Path template) {
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("would rewrite " + template + " (2 edits)\n");
        assertThat(r.err()).startsWith("htmxws migrate: 1 file read").hasLineCount(1);
    }

    static void assertVersionLine(Run r) {
        assertThat(r.out()).matches("htmxws \\S+ \\(Java [^)]+\\)\\R");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
    }
}
