package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htmxws.cli.LauncherProcess.Run;
import dev.htmxws.net.TestWsServer;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code htmxws} launcher script against a copy of the project laid out as the launcher expects
 * ({@code htmxws}, {@code src/launcher/htmxws-jvm.sh}, {@code target/htmxws.jar}, {@code target/lib/*.jar}). The jar
 * is put together here from the compiled classes and the dependency jars, so nothing is built with Maven; the copy
 * has no sources, so the launcher never tries to build. The JVM running the tests runs the launcher; {@link WithJdk25}
 * runs it again on a JDK 25 or newer when one is installed (its AOT cache instead of a CDS archive). About 10 s, most
 * of it archive builds (five JVM starts each).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@LongTest
class LauncherTest {

    private static final String JVM_LIBRARY = "src/launcher/htmxws-jvm.sh";

    @TempDir
    static Path tmp;

    static Path root;
    static Path launcher;
    static Path jar;
    static Path template;
    static LauncherProcess proc;

    @BeforeAll
    static void layOutACheckout() throws Exception {
        assumeTrue(LauncherProcess.hasBash(), "the launcher is a bash script");
        Path script = Path.of("htmxws").toAbsolutePath();
        assumeTrue(Files.isRegularFile(script), "run from the project folder, where the launcher is");

        // no space here: JDK 17 maps an archive made for a class path with a space but loads no application class
        // from it (JDK 25 does); the folder with a space has its own test below
        root = Files.createDirectories(tmp.resolve("checkout"));
        launcher = root.resolve("htmxws");
        Files.copy(script, launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve(JVM_LIBRARY).getParent());
        Files.copy(Path.of(JVM_LIBRARY), root.resolve(JVM_LIBRARY));
        Path lib = Files.createDirectories(root.resolve("target/lib"));
        jar = root.resolve("target/htmxws.jar");

        // the dependency jars the commands run here need, found where the test itself loads them from
        Set<Path> deps = new LinkedHashSet<>();
        for (Class<?> c : List.of(picocli.CommandLine.class, org.jsoup.Jsoup.class, org.jline.terminal.Terminal.class,
            org.java_websocket.WebSocket.class, org.slf4j.Logger.class,
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
            try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(os, mf);
                Stream<Path> files = Files.walk(classes)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
        }
        template = LauncherProcess.writeTemplate(tmp);
        proc = new LauncherProcess(tmp, LauncherProcess.currentJavaHome());
    }

    @Test
    @Order(1)
    void firstRunMakesTheArchiveAndPrintsNothingElse() throws Exception {
        assumeTrue(proc.run(Map.of(), tmp, List.of(LauncherProcess.currentJavaHome().resolve("bin/java").toString(),
            "-Xshare:on", "-version")).code() == 0, "this JVM has no usable class-data sharing");
        assertThat(archives(root)).isEmpty();

        LauncherProcess.assertVersionLine(htmxws(Map.of(), "--version"));
        assertThat(archives(root))
            .as("archive next to the jar; a failed attempt leaves a .cds-failed log: %s", failedLogs(root))
            .hasSize(1);
        assertThat(archive(root).getFileName().toString())
            .endsWith(Runtime.version().feature() >= 25 ? ".aot" : ".jsa");
    }

    @Test
    @Order(2)
    void theArchiveIsUsedByShortCommands() throws Exception {
        archiveIsUsed(proc, launcher);
        assertThat(htmxws(Map.of(), "--version").err()).isEmpty(); // never building here
    }

    @Test
    @Order(3)
    void versionHelpAndCompletionLoadNeitherJacksonNorJsoup() throws Exception {
        // without the archive: a JDK 25 AOT cache loads every class it holds at start-up, whatever the command
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"--help"},
            new String[] {"migrate", "--help"},
            new String[] {"completion", "--help"}, new String[] {"completion", "bash"})) {
            Run r = htmxws(Map.of("HTMXWS_JAVA_OPTS", "-Xlog:class+load=info", "HTMXWS_CDS", "off"), args);
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("dev.htmxws.cli.Main source:").doesNotContain("com.fasterxml.jackson",
                "org.jsoup");
        }
    }

    @Test
    @Order(4)
    void anArchiveTheJvmRefusesIsIgnoredSilently() throws Exception {
        refusedArchiveIsIgnored(proc, launcher, archive(root));
    }

    @Test
    @Order(5)
    void aStaleArchiveIsMadeAgainWhileConcurrentRunsGoOnSilently() throws Exception {
        staleArchiveIsMadeAgain(proc, launcher, archive(root), jar);
    }

    @Test
    @Order(6)
    void worksFromAnyFolderThroughSymlinksAndFromAFolderWithSpaces() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("bin dir"));
        Path link = Files.createSymbolicLink(elsewhere.resolve("htmxws"), launcher);
        LauncherProcess.assertVersionLine(proc.run(Map.of(), elsewhere, List.of(link.toString(), "--version")));
        // a relative link to that link, run from the root folder
        Path chained = Files.createSymbolicLink(elsewhere.resolve("hx"), Path.of("htmxws"));
        LauncherProcess.assertVersionLine(proc.run(Map.of(), Path.of("/"), List.of(chained.toString(), "--version")));

        Path spaced = copyOfTheCheckout(tmp.resolve("a checkout"));
        // without the archive: making one costs 2 s, and JDK 17 would not use it here (WithJdk25 checks it there)
        for (int i = 0; i < 2; i++) {
            LauncherProcess.assertMigrateCheck(proc.run(Map.of("HTMXWS_CDS", "off"), elsewhere,
                List.of(spaced.resolve("htmxws").toString(), "migrate", "--check", template.toString())), template);
        }
    }

    @Test
    @Order(7)
    void theServerKeepsTheFullCompilerAndOffTurnsTheArchiveOff() throws Exception {
        Run serve = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "--verbose", "serve", "--help");
        String serveLine = serve.err().lines().filter(l -> l.startsWith("htmxws launcher: ")).findFirst().orElseThrow();
        assertThat(serveLine).doesNotContain("TieredStopAtLevel").contains("-XX:+UseSerialGC");
        Run listen = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "--verbose", "listen", "ws://127.0.0.1:1/");
        String listenLine = listen.err().lines().filter(l -> l.startsWith("htmxws launcher: ")).findFirst()
            .orElseThrow();
        assertThat(listenLine).as("C1 alone receives bursts faster").contains("-XX:TieredStopAtLevel=1");

        Run migrate = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "migrate", "--help");
        assertThat(migrate.err().lines().findFirst().orElseThrow()).contains("-XX:TieredStopAtLevel=1");

        Files.delete(archive(root));
        Run off = htmxws(Map.of("HTMXWS_CDS", "off", "HTMXWS_LAUNCHER_DEBUG", "1"), "--version");
        assertThat(off.out()).matches("htmxws \\S+ \\(Java [^)]+\\)\\R");
        assertThat(off.err()).doesNotContain("SharedArchiveFile", "AOTCache");
        assertThat(archives(root)).isEmpty();
    }

    @Test
    @Order(8)
    void aMissingArchiveWhoseLastAttemptFailedIsNotTriedAgainAndTheRunIsSilent() throws Exception {
        assertThat(archives(root)).isEmpty();
        // the log a failed attempt leaves, newer than the jar: no new attempt until the jar (or the JDK) changes
        Path failed = root.resolve("target/htmxws-" + cdsId(LauncherProcess.currentJavaHome()) + ".cds-failed");
        Files.writeString(failed, "training run failed (written by the test)\n");

        Run r = htmxws(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), "--version");
        assertThat(r.out()).matches("htmxws \\S+ \\(Java [^)]+\\)\\R");
        assertThat(r.err()).startsWith("htmxws launcher: ").hasLineCount(1).doesNotContain("SharedArchiveFile",
            "AOTCache");
        assertThat(r.code()).isZero();
        assertThat(archives(root)).isEmpty();

        Files.setLastModifiedTime(failed, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        LauncherProcess.assertVersionLine(htmxws(Map.of(), "--version"));
        assertThat(archives(root)).as("tried again once the jar is newer than the failed attempt").hasSize(1);
        assertThat(failed).doesNotExist();
    }

    /**
     * The same launcher on a JDK 25 or newer (found by {@link LauncherProcess#jdk}): an AOT cache instead of a CDS
     * archive, and {@code --enable-native-access} so that JLine's native library loads without a warning.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class WithJdk25 {

        Path root25;
        Path launcher25;
        LauncherProcess proc25;

        @BeforeAll
        void layOutAnotherCheckout() throws Exception {
            Optional<Path> jdk = LauncherProcess.jdk(25);
            assumeTrue(jdk.isPresent(), "no JDK 25 or newer found (in /usr/lib/jvm, or -Dhtmxws.test.jdk25=PATH): "
                + "the AOT cache and the native-access flag are not checked");
            root25 = copyOfTheCheckout(tmp.resolve("checkout25"));
            launcher25 = root25.resolve("htmxws");
            proc25 = new LauncherProcess(tmp, jdk.get());
        }

        @Test
        @Order(1)
        void firstRunMakesAnAotCacheAndPrintsNothingElse() throws Exception {
            LauncherProcess.assertVersionLine(proc25.run(Map.of(), tmp, List.of(launcher25.toString(), "--version")));
            assertThat(archives(root25)).as("a failed attempt leaves a .cds-failed log: %s", failedLogs(root25))
                .hasSize(1);
            assertThat(archive(root25).getFileName().toString()).endsWith(".aot");
        }

        @Test
        @Order(2)
        void theCacheIsUsed() throws Exception {
            archiveIsUsed(proc25, launcher25);
        }

        @Test
        @Order(3)
        void jlineLoadsItsNativeLibraryWithoutARestrictedMethodWarning() throws Exception {
            assumeTrue(LauncherProcess.hasScriptCommand(), "script(1) is needed to give connect a terminal");
            Run version = proc25.run(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), tmp,
                List.of(launcher25.toString(), "--version"));
            assertThat(version.err()).contains("--enable-native-access=ALL-UNNAMED")
                .doesNotContain(LauncherProcess.RESTRICTED_WARNING);

            try (TestWsServer ws = TestWsServer.launch()) {
                // the control: the same shell started without the flag prints the warning on this JDK
                Run bare = proc25.onTerminal(List.of(proc25.javaHome().resolve("bin/java").toString(), "-jar",
                    root25.resolve("target/htmxws.jar").toString(), "connect", ws.url("/chat")),
                    () -> ws.connections.size() == 1, "/quit");
                assertThat(bare.out()).as("without --enable-native-access")
                    .contains(LauncherProcess.RESTRICTED_WARNING);

                Run shell = proc25.onTerminal(List.of(launcher25.toString(), "connect", ws.url("/chat")),
                    () -> ws.connections.size() == 2, "/quit");
                assertThat(shell.out()).contains("connected to " + ws.url("/chat")).doesNotContain("WARNING");
                assertThat(shell.code()).as(shell.out()).isZero();
            }
        }

        @Test
        @Order(4)
        void aCacheTheJvmRefusesIsIgnoredAndAStaleOneMadeAgainSilently() throws Exception {
            refusedArchiveIsIgnored(proc25, launcher25, archive(root25));
            staleArchiveIsMadeAgain(proc25, launcher25, archive(root25), root25.resolve("target/htmxws.jar"));
        }

        @Test
        @Order(5)
        void aFolderWithSpacesHasItsCacheToo() throws Exception {
            Path spaced = copyOfTheCheckout(tmp.resolve("a checkout for 25"));
            Path l = spaced.resolve("htmxws");
            LauncherProcess.assertVersionLine(proc25.run(Map.of(), Path.of("/"), List.of(l.toString(), "--version")));
            assertThat(archives(spaced)).hasSize(1);
            assertThat(proc25.loadedFromArchive(l, "migrate", "--check", template.toString()))
                .contains("dev.htmxws.cli.MigrateRunner");
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** --version and migrate --check load their classes from the archive, and the check prints what it should. */
    private static void archiveIsUsed(LauncherProcess p, Path launcher) throws Exception {
        Set<String> version = p.loadedFromArchive(launcher, "--version");
        assertThat(version).contains("dev.htmxws.cli.Main");
        Set<String> migrate = p.loadedFromArchive(launcher, "migrate", "--check", template.toString());
        assertThat(migrate).contains("dev.htmxws.cli.MigrateRunner", "org.jsoup.parser.HtmlTreeBuilder");
        System.out.printf("launcher (%s): classes loaded from the archive: --version %d, migrate --check %d%n",
            p.javaHome().getFileName(), version.size(), migrate.size());
        LauncherProcess.assertMigrateCheck(
            p.run(Map.of(), tmp, List.of(launcher.toString(), "migrate", "--check", template.toString())),
            template);
    }

    /** An archive replaced by garbage (still newer than the jar) is refused by the JVM: the run goes on silently. */
    private static void refusedArchiveIsIgnored(LauncherProcess p, Path launcher, Path a) throws Exception {
        byte[] good = Files.readAllBytes(a);
        FileTime time = Files.getLastModifiedTime(a);
        Files.delete(a); // the JVM writes it read-only
        try {
            Files.write(a, "not an archive at all\n".repeat(5000).getBytes(StandardCharsets.US_ASCII));
            Files.setLastModifiedTime(a, time); // still newer than the jar: the launcher passes it on
            LauncherProcess.assertVersionLine(p.run(Map.of(), tmp, List.of(launcher.toString(), "--version")));
            assertThat(p.loadedFromArchive(launcher, "--version")).doesNotContain("dev.htmxws.cli.Main");
        } finally {
            Files.write(a, good);
            Files.setLastModifiedTime(a, time);
        }
        assertThat(p.loadedFromArchive(launcher, "--version")).contains("dev.htmxws.cli.Main");
    }

    /** An archive older than the jar is made again by one of three concurrent runs; all of them print their line. */
    private static void staleArchiveIsMadeAgain(LauncherProcess p, Path launcher, Path a, Path jar) throws Exception {
        FileTime jarTime = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(a, FileTime.fromMillis(jarTime.toMillis() - 60_000)); // the jar was rebuilt since

        List<LauncherProcess.Started> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(p.start(Map.of(), List.of(launcher.toString(), "--version"), tmp));
        }
        for (LauncherProcess.Started s : started) {
            LauncherProcess.assertVersionLine(p.finish(s));
        }
        assertThat(Files.getLastModifiedTime(a)).isGreaterThan(jarTime);
        assertThat(p.loadedFromArchive(launcher, "--version")).contains("dev.htmxws.cli.Main");
    }

    /** A copy of the laid-out checkout without its archives. */
    private static Path copyOfTheCheckout(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = root.relativize(f);
                if (rel.toString().matches("target/htmxws-.*") || rel.toString().startsWith("target/.")) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** The part of the archive's name that names the JDK, as the launcher spells it. */
    private static String cdsId(Path javaHome) throws IOException {
        String version = "";
        String build = "";
        for (String l : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8)) {
            if (l.startsWith("JAVA_VERSION=")) {
                version = l.substring(13).replace("\"", "");
            } else if (l.startsWith("JAVA_RUNTIME_VERSION=")) {
                build = l.substring(21).replace("\"", "");
            }
        }
        return ((build.isEmpty() ? version : build) + "-" + javaHome).replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> archives(Path checkout) throws IOException {
        try (Stream<Path> s = Files.list(checkout.resolve("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("htmxws-.*\\.(jsa|aot)")).toList();
        }
    }

    private static Path archive(Path checkout) throws IOException {
        List<Path> all = archives(checkout);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static String failedLogs(Path checkout) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.list(checkout.resolve("target"))) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".cds-failed"))::iterator) {
                sb.append(p.getFileName()).append(":\n").append(Files.readString(p));
            }
        }
        return sb.toString();
    }

    private static Run htmxws(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        Run r = proc.run(env, tmp, cmd);
        assertThat(r.err()).as("the launcher must never build here").doesNotContain("htmxws: building");
        return r;
    }
}
