package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.migrate.Target;
import dev.htmxws.migrate.TemplateMigrator;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code htmxws migrate --write} as a real process over 2,000 files, killed with SIGKILL at random moments: after
 * each kill every file is byte for byte either its old or its new version, and a last run finishes the job. The
 * seed (fixed unless {@code -Dhtmxws.seed=random|N}) picks the file sizes and the moments; it is printed.
 */
@LongTest
class MigrateKillTest {

    private static final int FILES = 2000;
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void everyFileIsWholeOldOrWholeNewAfterEachKillAndARerunFinishes() throws Exception {
        long seed = dev.htmxws.fuzz.FuzzRun.configuredSeed();
        System.out.println("migrate-kill: seed " + seed + " (replay: -Dhtmxws.seed=" + seed + ")");
        Random r = new Random(seed);
        Path tree = dir.resolve("tree");
        Map<Path, byte[]> before = new LinkedHashMap<>();
        Map<Path, byte[]> after = new LinkedHashMap<>();
        long bytes = 0;
        for (int i = 0; i < FILES; i++) {
            Path f = tree.resolve("app" + i % 40).resolve("page-" + i + (i % 7 == 0 ? ".jinja" : ".html"));
            String text = template(r, i);
            byte[] old = text.getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(f.getParent());
            Files.write(f, old);
            before.put(f, old);
            after.put(f, new TemplateMigrator(Target.HTMX2).migrate(text).output().getBytes(StandardCharsets.UTF_8));
            bytes += old.length;
        }
        long changing = before.keySet().stream().filter(p -> !Arrays.equals(before.get(p), after.get(p))).count();
        System.out.printf(Locale.ROOT, "migrate-kill: %d files (%.1f MB), %d of them to rewrite%n", FILES, bytes / 1e6,
            changing);

        // a random moment up to a bound that adapts: shorter after a kill that came too late, longer after one
        // that came before the first rewrite (the JVM start and the walk take a while on a loaded machine)
        long bound = 3000;
        int midRun = 0;
        int tooLate = 0;
        // a kill before the first rewrite lengthens the bound, so those are not counted: on a loaded machine the
        // JVM start and the planning of 2,000 files may take several times the quiet time
        while (midRun < KILLS && tooLate <= 3 * KILLS && bound < 300_000) {
            if (checkEveryFileIsOldOrNew(before, after)[0] == 0) { // all done: start again from the old files
                for (Map.Entry<Path, byte[]> e : before.entrySet()) {
                    Files.write(e.getKey(), e.getValue());
                }
            }
            long delay = 300 + (long) (r.nextDouble() * bound);
            int newBefore = checkEveryFileIsOldOrNew(before, after)[1];
            Process p = migrate(tree);
            long t0 = System.nanoTime();
            p.waitFor(delay, TimeUnit.MILLISECONDS);
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the killed process ended").isTrue();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int[] counts = checkEveryFileIsOldOrNew(before, after);
            List<Path> temps = tempFiles(tree);
            String when;
            if (counts[0] == 0) {
                when = "too late: every file was done";
                bound = bound * 7 / 10;
                tooLate++;
            } else if (counts[1] == newBefore) {
                when = "before the first rewrite";
                bound = bound * 3 / 2;
            } else {
                when = "mid-run";
                midRun++;
            }
            System.out.printf(Locale.ROOT,
                "migrate-kill: SIGKILL after %d ms (%s): %d files new, %d old, %d temp file(s) left%n",
                ms, when, counts[1], counts[0], temps.size());
        }
        assertThat(midRun).as("kills that landed while files were being rewritten").isEqualTo(KILLS);

        Process last = migrate(tree);
        String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("migrate.err"), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(out + err).isZero();
        int[] counts = checkEveryFileIsOldOrNew(before, after);
        assertThat(counts[1]).as("after the last run every file is new").isEqualTo(FILES);
        assertThat(tempFiles(tree)).as("no temp file is left behind").isEmpty();
        long removed = err.lines()
            .filter(l -> l.contains("removed: a temp file left by an interrupted migrate --write")).count();
        System.out.println("migrate-kill: the last run removed " + removed + " temp file(s) the kills left");
        System.out.println(
            "migrate-kill: the last run finished the job: " + err.lines().filter(l -> l.startsWith("htmxws migrate:"))
                .findFirst().orElse(err.strip()));
    }

    /** Each file equals its old or its new bytes; returns {old, new} counts (unchanged files count as new). */
    private static int[] checkEveryFileIsOldOrNew(Map<Path, byte[]> before, Map<Path, byte[]> after) {
        int[] counts = new int[2];
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            byte[] now = read(e.getKey());
            byte[] neu = after.get(e.getKey());
            boolean isNew = Arrays.equals(now, neu);
            boolean isOld = Arrays.equals(now, e.getValue());
            assertThat(isNew || isOld)
                .as("%s is whole: %d bytes, old %d, new %d", e.getKey(), now.length, e.getValue().length,
                    neu.length)
                .isTrue();
            counts[isNew ? 1 : 0]++;
        }
        return counts;
    }

    private Process migrate(Path tree) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
            "migrate", "--write", "--jobs", "2", tree.toString())
            .redirectError(dir.resolve("migrate.err").toFile()).start();
    }

    private static List<Path> tempFiles(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".htmxws.tmp")).toList();
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + p + ": " + e, e);
        }
    }

    /** A template of 1 to 40 KB: legacy attributes to rewrite in most, plain markup in some. */
    private static String template(Random r, int i) {
        StringBuilder b = new StringBuilder();
        boolean legacy = i % 5 != 0;
        b.append(legacy ? "<div hx-ws=\"connect:/chat/" + i + "\">\n" : "<div class=\"plain\">\n");
        int rows = 10 + r.nextInt(400);
        for (int row = 0; row < rows; row++) {
            b.append("  <p class=\"row\">{{ item").append(row).append(" }} &amp; some text</p>\n");
            if (legacy && r.nextInt(50) == 0) {
                b.append("  <form hx-ws=\"send\"><input name=\"m\"></form>\n");
            }
        }
        return b.append("</div>\n").toString();
    }
}
