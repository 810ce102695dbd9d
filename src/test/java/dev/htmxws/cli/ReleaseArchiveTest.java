package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.htmxws.cli.LauncherProcess.Run;
import dev.htmxws.net.TestWsServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The release's java archive as a user gets it. {@code ./mvnw -B -Prelease verify} has JReleaser assemble
 * htmxws-VERSION.zip and .tar.gz, then runs this test with their folder in {@code htmxws.release.archives} (without
 * it, the test is skipped). Each archive is unpacked with unzip or tar into a folder whose path has spaces, and its
 * bin/htmxws runs from another folder through a symlink (as Homebrew installs it), on the JVM running the tests and,
 * when one is installed, on a JDK 25 or newer. The class-data archives go to a cache folder of the test's own.
 */
class ReleaseArchiveTest {

    @TempDir
    static Path tmp;

    static Path archives;
    static String version;
    static Path template;

    @BeforeAll
    static void findTheAssembledArchives() throws IOException {
        String dir = System.getProperty("htmxws.release.archives");
        assumeTrue(dir != null && !dir.isBlank(), "no assembled release: run ./mvnw -B -Prelease verify");
        assumeTrue(LauncherProcess.hasBash(), "bin/htmxws is a bash script");
        archives = Path.of(dir);
        version = System.getProperty("htmxws.release.version");
        assertThat(archives.resolve("htmxws-" + version + ".zip")).isRegularFile();
        assertThat(archives.resolve("htmxws-" + version + ".tar.gz")).isRegularFile();
        template = LauncherProcess.writeTemplate(tmp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tar.gz", "zip"})
    void theArchiveHoldsTheProgramItsLaunchersManPagesAndCompletions(String format) throws Exception {
        Path home = unpack(format, tmp.resolve("unpacked " + format + " here"));

        assertThat(home.resolve("bin/htmxws")).isExecutable();
        String cmd = Files.readString(home.resolve("bin/htmxws.cmd"), StandardCharsets.UTF_8);
        assertThat(cmd)
            .contains("\r\n", "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:+AutoCreateSharedArchive", "dev.htmxws.cli.Main")
            .doesNotContain("{{");
        assertThat(home.resolve("lib/htmxws.jar")).isRegularFile();
        assertThat(home.resolve("lib/htmxws-jvm.sh")).hasSameTextualContentAs(Path.of("src/launcher/htmxws-jvm.sh"));
        try (Stream<Path> deps = Files.list(Path.of("target/lib"))) {
            for (Path dep : (Iterable<Path>) deps::iterator) {
                assertThat(home.resolve("lib").resolve(dep.getFileName())).as("dependency %s", dep.getFileName())
                    .isRegularFile();
            }
        }
        for (String dir : List.of("man", "completions")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    assertThat(home.resolve(dir).resolve(f.getFileName())).hasSameTextualContentAs(f);
                }
            }
        }

        LauncherProcess p = new LauncherProcess(tmp, LauncherProcess.currentJavaHome(),
            Map.of("HTMXWS_CACHE_DIR", tmp.resolve("cache " + format).toString()));
        Path bin = Files.createDirectories(tmp.resolve("bin " + format));
        Path link = Files.createSymbolicLink(bin.resolve("htmxws"), home.resolve("bin/htmxws"));

        Run v = p.run(Map.of(), Path.of("/"), List.of(link.toString(), "--version"));
        LauncherProcess.assertVersionLine(v);
        assertThat(v.out()).startsWith("htmxws " + version + " (Java ");
        LauncherProcess.assertMigrateCheck(
            p.run(Map.of(), bin, List.of(link.toString(), "migrate", "--check", template.toString())),
            template);
        Run completion = p.run(Map.of(), bin, List.of(link.toString(), "completion", "bash"));
        assertThat(completion.out())
            .isEqualTo(Files.readString(Path.of("completions/htmxws.bash"), StandardCharsets.UTF_8));
    }

    @Test
    void shortCommandsGetC1AndTheSerialGcAndUseTheArchiveMadeOnTheFirstRun() throws Exception {
        // no space in this path: JDK 17 maps an archive made for a class path with a space but loads no class from it
        Path home = unpack("tar.gz", tmp.resolve("plain"));
        Path cache = tmp.resolve("cache-plain");
        LauncherProcess p = new LauncherProcess(tmp, LauncherProcess.currentJavaHome(),
            Map.of("HTMXWS_CACHE_DIR", cache.toString()));
        Path launcher = home.resolve("bin/htmxws");

        LauncherProcess.assertVersionLine(p.run(Map.of(), tmp, List.of(launcher.toString(), "--version")));
        List<Path> made = archivesIn(cache);
        assertThat(made).as("one archive in the cache folder").hasSize(1);
        assertThat(p.loadedFromArchive(launcher, "--version")).contains("dev.htmxws.cli.Main");
        assertThat(p.loadedFromArchive(launcher, "migrate", "--check", template.toString()))
            .contains("dev.htmxws.cli.MigrateRunner", "org.jsoup.parser.HtmlTreeBuilder");

        String line = debugLine(p, launcher, "migrate", "--help");
        assertThat(line).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-cp " + home.resolve("lib/htmxws.jar") + ":",
            "dev.htmxws.cli.Main migrate --help");
        assertThat(debugLine(p, launcher, "serve", "--help")).doesNotContain("TieredStopAtLevel")
            .contains("-XX:+UseSerialGC");

        // an archive the JVM refuses, still newer than the jars: the run goes on without it, silently
        Path a = made.get(0);
        FileTime time = Files.getLastModifiedTime(a);
        Files.delete(a);
        Files.write(a, "not an archive at all\n".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        Files.setLastModifiedTime(a, time);
        LauncherProcess.assertVersionLine(p.run(Map.of(), tmp, List.of(launcher.toString(), "--version")));
        assertThat(p.loadedFromArchive(launcher, "--version")).doesNotContain("dev.htmxws.cli.Main");
        // and a missing one is made again
        Files.delete(a);
        LauncherProcess.assertVersionLine(p.run(Map.of(), tmp, List.of(launcher.toString(), "--version")));
        assertThat(p.loadedFromArchive(launcher, "--version")).contains("dev.htmxws.cli.Main");
    }

    @Test
    void onJdk25TheAotCacheIsUsedAndJLineLoadsWithoutAWarning() throws Exception {
        Optional<Path> jdk = LauncherProcess.jdk(25);
        assumeTrue(jdk.isPresent(), "no JDK 25 or newer found (in /usr/lib/jvm, or -Dhtmxws.test.jdk25=PATH)");
        assumeTrue(LauncherProcess.hasScriptCommand(), "script(1) is needed to give connect a terminal");
        Path home = unpack("tar.gz", tmp.resolve("for jdk 25"));
        Path cache = tmp.resolve("cache 25");
        LauncherProcess p = new LauncherProcess(tmp, jdk.get(), Map.of("HTMXWS_CACHE_DIR", cache.toString()));
        Path launcher = home.resolve("bin/htmxws");

        LauncherProcess.assertVersionLine(p.run(Map.of(), tmp, List.of(launcher.toString(), "--version")));
        assertThat(archivesIn(cache)).hasSize(1).allMatch(a -> a.toString().endsWith(".aot"));
        assertThat(p.loadedFromArchive(launcher, "migrate", "--check", template.toString()))
            .contains("dev.htmxws.cli.MigrateRunner");
        assertThat(debugLine(p, launcher, "--version")).contains("--enable-native-access=ALL-UNNAMED");

        try (TestWsServer ws = TestWsServer.launch()) {
            Run shell = p.onTerminal(List.of(launcher.toString(), "connect", ws.url("/chat")),
                () -> ws.connections.size() == 1, "/quit");
            assertThat(shell.out()).contains("connected to " + ws.url("/chat"))
                .doesNotContain(LauncherProcess.RESTRICTED_WARNING);
            assertThat(shell.code()).as(shell.out()).isZero();
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Unpacks htmxws-VERSION.FORMAT with unzip or tar, as a user would; returns the release folder. */
    private static Path unpack(String format, Path into) throws Exception {
        Files.createDirectories(into);
        Path archive = archives.resolve("htmxws-" + version + "." + format);
        List<String> cmd = format.equals("zip") ? List.of("unzip", "-q", archive.toString(), "-d", into.toString())
            : List.of("tar", "-xzf", archive.toString(), "-C", into.toString());
        assumeTrue(Stream.of("/usr/bin/", "/bin/").anyMatch(d -> Files.isExecutable(Path.of(d + cmd.get(0)))),
            cmd.get(0) + " is needed");
        Run r = new LauncherProcess(tmp, LauncherProcess.currentJavaHome()).run(Map.of(), tmp, cmd);
        assertThat(r.code()).as(r.toString()).isZero();
        Path home = into.resolve("htmxws-" + version);
        assertThat(home).isDirectory();
        return home;
    }

    private static List<Path> archivesIn(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(f -> f.getFileName().toString().matches("htmxws-.*\\.(jsa|aot)")).toList();
        }
    }

    /** The java command line the launcher runs for these arguments. */
    private static String debugLine(LauncherProcess p, Path launcher, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Run r = p.run(Map.of("HTMXWS_LAUNCHER_DEBUG", "1"), tmp, cmd);
        return r.err().lines().filter(l -> l.startsWith("htmxws launcher: ")).findFirst().orElseThrow();
    }

}
