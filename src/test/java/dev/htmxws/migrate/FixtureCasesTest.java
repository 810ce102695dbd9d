package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture cases under {@code src/test/resources/migrate/cases/NAME/}: {@code input.EXT}, the exact bytes
 * expected after {@code --to 2} and {@code --to 4} ({@code expected-2.EXT}, {@code expected-4.EXT}; absent =
 * unchanged) and every finding ({@code findings-N.txt}: {@code LINE:COL LEVEL CODE}). Each case is migrated on
 * disk through {@link FileMigrator}, so BOMs and line endings are checked byte for byte, and then migrated
 * again to check that the second run changes nothing.
 */
class FixtureCasesTest {

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> cases() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/migrate/cases").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                for (Target t : Target.values()) {
                    tests.add(DynamicTest.dynamicTest(dir.getFileName() + " --to " + t.number(), () -> check(dir, t)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    private void check(Path dir, Target target) throws IOException {
        Path input = only(dir, "input.");
        String ext = input.getFileName().toString().substring("input".length());
        byte[] in = Files.readAllBytes(input);
        Optional<Path> expectedFile = find(dir, "expected-" + target.number() + ext);
        byte[] expected = expectedFile.isPresent() ? Files.readAllBytes(expectedFile.get()) : in;
        List<String> expectedFindings = Files.readAllLines(dir.resolve("findings-" + target.number() + ".txt"))
            .stream().filter(l -> !l.isBlank()).toList();

        Path file = work.resolve(dir.getFileName() + "-" + target.number() + ext);
        Files.write(file, in);
        FileMigrator fm = new FileMigrator(new FileMigrator.Options(target, StandardCharsets.UTF_8,
            FileMigrator.Options.DEFAULT_MAX_SIZE, true));
        FileOutcome o = fm.migrate(file, true);
        assertThat(o.failed()).as("file problems: %s", o.problems()).isFalse();
        List<String> actual = o.findings().stream()
            .map(f -> f.line() + ":" + f.column() + " " + f.level().label() + " " + f.code()).toList();
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).as("output")
            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(file)).as("output bytes").isEqualTo(expected);
        assertThat(actual).as("findings, all: %s", o.findings()).isEqualTo(expectedFindings);

        FileOutcome again = fm.migrate(file, true);
        assertThat(again.changed()).as("second run changes nothing").isFalse();
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "* in " + dir));
        }
    }

    private static Optional<Path> find(Path dir, String name) {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }
}
