package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code htmxws} launcher script against a copy of the project laid out as the launcher expects
 * ({@code htmxws}, {@code target/htmxws.jar}, {@code target/lib/*.jar}). The jar is put together here from the
 * compiled classes and the dependency jars, so nothing is built with Maven; the copy has no sources, so the launcher
 * never tries to build. About 5 s, most of it two archive builds (five JVM starts each).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherTest {

    private static final String VERSION_LINE = "htmxws \\S+ \\(Java [^)]+\\)\\R";

    @TempDir
    static Path tmp;

    static Path root;
    static Path launcher;
    static Path jar;
    static Path template;

    @BeforeAll
    static void layOutACheckout() throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().contains("win"), "the launcher is a bash script");
        assumeTrue(Stream.of("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash").anyMatch(p -> Files.isExecutable(Path.of(p))),
            "bash is needed");
        Path script = Path.of("htmxws").toAbsolutePath();
        assumeTrue(Files.isRegularFile(script), "run from the project folder, where the launcher is");

        // no space here: JDK 17 maps an archive made for a class path with a space but loads no application class
        // from it (JDK 25 does); the folder with a space has its own test below
        root = Files.createDirectories(tmp.resolve("checkout"));
        launcher = root.resolve("htmxws");
        Files.copy(script, launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = Files.createDirectories(root.resolve("target/lib"));
        jar = root.resolve("target/htmxws.jar");

        // the dependency jars the commands run here need, found where the test itself loads them from
        Set<Path> deps = new LinkedHashSet<>();
        for (Class<?> c : List.of(picocli.CommandLine.class, org.jsoup.Jsoup.class,
            com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.databind.ObjectMapper.class,
            com.fasterxml.jackson.annotation.JsonProperty.class)) {
            deps.add(codeSource(c));
        }
        StringBuilder classPath = new StringBuilder();
        for (Path d : deps) {
            assertThat(d.toString()).endsWith(".jar");
            Files.copy(d, lib.resolve(d.getFileName()));
            classPath.append(classPath.length() == 0 ? "" : " ").append("lib/").append(d.getFileName());
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString());
        mf.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "test");
        Path classes = codeSource(Main.class);
        if (Files.isRegularFile(classes)) {
            Files.copy(classes, jar); // already a jar
        } else {
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, mf);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
        }
        template = tmp.resolve("one.html");
        Files.writeString(template, "<div hx-ws=\"connect:/chat\">\n  <form hx-ws=\"send\"><input name=\"m\"></form>\n</div>\n");
    }

    @Test
    @Order(1)
    void firstRunMakesTheArchiveAndPrintsNothingElse() throws Exception {
        assumeTrue(run(Map.of(), "java", "-Xshare:on", "-version").code == 0,
            "this JVM has no usable class-data sharing");
        assertThat(archives()).isEmpty();

        Run r = htmxws(Map.of(), "--version");

        assertThat(r.out).matches(VERSION_LINE);
        assertThat(r.err).isEmpty();
        assertThat(r.code).isZero();
        assertThat(archives()).as("archive next to the jar; a failed attempt leaves a .cds-failed log: %s", failedLogs())
            .hasSize(1);
        assertThat(archive().getFileName().toString()).endsWith(Runtime.version().feature() >= 25 ? ".aot" : ".jsa");
    }

    @Test
    @Order(2)
    void theArchiveIsUsedByShortCommands() throws Exception {
        assertThat(loadedFromArchive("--version")).contains("dev.htmxws.cli.Main");
        assertThat(loadedFromArchive("migrate", "--check", template.toString()))
            .contains("dev.htmxws.cli.MigrateRunner", "org.jsoup.parser.HtmlTreeBuilder");

        Run check = htmxws(Map.of(), "migrate", "--check", template.toString());
        assertThat(check.code).isEqualTo(1);
        assertThat(check.out).isEqualTo("would rewrite " + template + " (2 edits)\n");
        assertThat(check.err).startsWith("htmxws migrate: 1 file read").hasLineCount(1);
    }

    @Test
    @Order(3)
    void versionHelpAndCompletionLoadNeitherJacksonNorJsoup() throws Exception {
        // without the archive: a JDK 25 AOT cache loads every class it holds at start-up, whatever the command
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"--help"}, new String[] {"migrate", "--help"},
            new String[] {"completion", "--help"}, new String[] {"completion", "bash"})) {
            Run r = htmxws(Map.of("HTMXWS_JAVA_OPTS", "-Xlog:class+load=info", "HTMXWS_CDS", "off"), args);
            assertThat(r.code).isZero();
            assertThat(r.out).contains("dev.htmxws.cli.Main source:").doesNotContain("com.fasterxml.jackson", "org.jsoup");
        }
    }

    @Test
    @Order(4)
    void anArchiveTheJvmRefusesIsIgnoredSilently() throws Exception {
        Path a = archive();
        byte[] good = Files.readAllBytes(a);
        FileTime time = Files.getLastModifiedTime(a);
        Files.delete(a); // the JVM writes it read-only
        try {
            Files.write(a, "not an archive at all\n".repeat(5000).getBytes(StandardCharsets.US_ASCII));
            Files.setLastModifiedTime(a, time); // still newer than the jar: the launcher passes it on
            Run r = htmxws(Map.of(), "--version");
            assertThat(r.out).matches(VERSION_LINE);
            assertThat(r.err).isEmpty();
            assertThat(r.code).isZero();
            assertThat(loadedFromArchive("--version")).doesNotContain("dev.htmxws.cli.Main");
        } finally {
            Files.write(a, good);
            Files.setLastModifiedTime(a, time);
        }
        assertThat(loadedFromArchive("--version")).contains("dev.htmxws.cli.Main");
    }

    @Test
    @Order(5)
    void aStaleArchiveIsMadeAgainWhileConcurrentRunsGoOnSilently() throws Exception {
        Path a = archive();
        FileTime jarTime = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(a, FileTime.fromMillis(jarTime.toMillis() - 60_000)); // the jar was rebuilt since

        List<Started> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(start(Map.of(), List.of(launcher.toString(), "--version")));
        }
        for (Started p : started) {
            Run r = finish(p);
            assertThat(r.out).matches(VERSION_LINE);
            assertThat(r.err).isEmpty();
            assertThat(r.code).isZero();
        }
        assertThat(Files.getLastModifiedTime(archive())).isGreaterThan(jarTime);
        assertThat(loadedFromArchive("--version")).contains("dev.htmxws.cli.Main");
    }

    @Test
    @Order(6)
    void worksThroughASymlinkAndFromAFolderWithSpaces() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("bin dir"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("htmxws"), launcher);
        Run r = finish(start(Map.of(), List.of(link.toString(), "--version"), elsewhere));
        assertThat(r.out).matches(VERSION_LINE);
        assertThat(r.err).isEmpty();
        assertThat(r.code).isZero();

        Path spaced = Files.createDirectories(tmp.resolve("a checkout"));
        Files.copy(launcher, spaced.resolve("htmxws"));
        Files.createDirectories(spaced.resolve("target/lib"));
        try (Stream<Path> jars = Files.list(root.resolve("target/lib"))) {
            for (Path j : (Iterable<Path>) jars::iterator) {
                Files.copy(j, spaced.resolve("target/lib").resolve(j.getFileName()));
            }
        }
        Files.copy(jar, spaced.resolve("target/htmxws.jar"));
        // without the archive: making one costs 2 s, and it was checked by hand (bench/README.md)
        for (int i = 0; i < 2; i++) {
            Run s = finish(start(Map.of("HTMXWS_CDS", "off"), List.of(spaced.resolve("htmxws").toString(), "migrate", "--check",
                template.toString()), elsewhere));
            assertThat(s.code).isEqualTo(1);
            assertThat(s.out).isEqualTo("would rewrite " + template + " (2 edits)\n");
            assertThat(s.err).startsWith("htmxws migrate: 1 file read").hasLineCount(1);
        }
    }

    @Test
    @Order(7)
    void theServerKeepsTheFullCompilerAndOffTurnsTheArchiveOff() throws Exception {
        Run serve = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "--verbose", "serve", "--help");
        String serveLine = serve.err.lines().filter(l -> l.startsWith("htmxws launcher: ")).findFirst().orElseThrow();
        assertThat(serveLine).doesNotContain("TieredStopAtLevel").contains("-XX:+UseSerialGC");
        Run listen = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "--verbose", "listen", "ws://127.0.0.1:1/");
        String listenLine = listen.err.lines().filter(l -> l.startsWith("htmxws launcher: ")).findFirst().orElseThrow();
        assertThat(listenLine).as("C1 alone receives bursts faster").contains("-XX:TieredStopAtLevel=1");

        Run migrate = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "migrate", "--help");
        assertThat(migrate.err.lines().findFirst().orElseThrow()).contains("-XX:TieredStopAtLevel=1");

        Files.delete(archive());
        Run off = htmxws(Map.of("HTMXWS_CDS", "off", "HTMXWS_LAUNCHER_DEBUG", "1"), "--version");
        assertThat(off.out).matches(VERSION_LINE);
        assertThat(off.err).doesNotContain("SharedArchiveFile", "AOTCache");
        assertThat(archives()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------

    record Run(int code, String out, String err) {
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("htmxws-.*\\.(jsa|aot)")).toList();
        }
    }

    private static Path archive() throws IOException {
        List<Path> all = archives();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String failedLogs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(root.resolve("target"))) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".cds-failed"))::iterator) {
                sb.append(p.getFileName()).append(":\n").append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    /** The classes of {@code dev.htmxws}, picocli and jsoup that a run loaded from the archive. */
    private static Set<String> loadedFromArchive(String... args) throws Exception {
        Run r = htmxws(Map.of("HTMXWS_JAVA_OPTS", "-Xlog:class+load=info"), args);
        Set<String> shared = new LinkedHashSet<>();
        r.out.lines().filter(l -> l.endsWith(" source: shared objects file") || l.endsWith(" source: shared objects file (top)"))
            .map(l -> l.replaceFirst("^.*\\]\\s*", "").replaceFirst(" source: .*$", ""))
            .forEach(shared::add);
        return shared;
    }

    private static Run htmxws(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Run r = finish(start(env, cmd));
        assertThat(r.err).as("the launcher must never build here").doesNotContain("htmxws: building");
        return r;
    }

    private static Run run(Map<String, String> env, String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of(cmd));
        c.set(0, Path.of(System.getProperty("java.home"), "bin", cmd[0]).toString());
        return finish(start(env, c));
    }

    /** A started process and the files its output goes to. */
    record Started(Process process, Path out, Path err) {
    }

    private static Started start(Map<String, String> env, List<String> cmd) throws IOException {
        return start(env, cmd, tmp);
    }

    private static Started start(Map<String, String> env, List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("HTMXWS_") || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS")
            || k.equals("_JAVA_OPTIONS"));
        e.put("JAVA_HOME", System.getProperty("java.home")); // the JVM running this test
        e.putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new Started(pb.start(), out, err);
    }

    private static Run finish(Started s) throws Exception {
        if (!s.process().waitFor(120, TimeUnit.SECONDS)) {
            s.process().destroyForcibly();
            throw new AssertionError("the launcher did not finish within 120 s");
        }
        return new Run(s.process().exitValue(), Files.readString(s.out(), StandardCharsets.UTF_8),
            Files.readString(s.err(), StandardCharsets.UTF_8));
    }
}
