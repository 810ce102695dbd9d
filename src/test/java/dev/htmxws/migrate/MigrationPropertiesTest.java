package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.fuzz.FuzzRun;
import dev.htmxws.fuzz.HtmlFuzzer;
import dev.htmxws.testing.FuzzTest;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties over generated templates (seeded, so a failure names its seed and replays exactly):
 * <ol>
 *   <li>every edit lies inside a rewritten attribute (a legacy or htmx 2 extension attribute, or an hx-ext
 *       value), so the output equals the input everywhere else;</li>
 *   <li>a second run over the output changes nothing;</li>
 *   <li>input and output parse to the same element tree apart from the rewritten attributes.</li>
 * </ol>
 * The same runs over randomly mutated templates must also never throw. Beyond the generated templates, the
 * fixture inputs are fuzzed too ({@link #hostileTemplates}: harder mutations, random text, deep nesting), with
 * the output rebuilt independently from the edits, so that every byte outside the edits is checked; and a
 * sample goes through {@link FileMigrator} on real files, BOMs, encodings and invalid bytes included.
 */
class MigrationPropertiesTest {

    private static final int CASES = 400;
    private static final Pattern REWRITTEN_NAME = Pattern.compile(
        "(?is)\\s*(data-)?(hx-ws|hx-sse|ws-connect|ws-send|sse-connect|sse-close|hx-ext)\\b.*");
    /** At the end of an hx-ext name or inside its value (quoted values may hold the other quote, and masked markup). */
    private static final Pattern INSIDE_EXT_VALUE = Pattern.compile(
        "(?is)hx-ext(\\s*=\\s*(\"[^\"]*|'[^']*|[^\\s\"'=<>`]*))?");
    private static final Set<String> REWRITTEN_KEYS = Set.of("hx-ws", "hx-sse", "hx-ext", "ws-connect", "ws-send",
        "sse-connect", "sse-swap", "sse-close", "hx-ws:connect", "hx-ws:send", "hx-sse:connect", "hx-sse:close");

    @TestFactory
    Stream<DynamicTest> generatedTemplates() {
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            String in = new TemplateGenerator(seed).generate();
            for (Target t : Target.values()) {
                checkAll(in, t, seed);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> mutatedTemplates() {
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            String in = TemplateGenerator.mutate(new TemplateGenerator(seed).generate(), seed * 31 + 7);
            for (Target t : Target.values()) {
                TemplateMigrator.Result r = new TemplateMigrator(t).migrate(in);
                editsOnlyInsideRewrittenAttributes(in, r, "seed " + seed);
                assertThat(new TemplateMigrator(t).migrate(r.output()).edits()).as("seed %d: second run", seed)
                    .isEmpty();
                for (Finding f : r.findings()) {
                    assertThat(f.line()).isPositive();
                }
            }
        }));
    }

    /** Harder input than the generator's: fixture inputs and generated templates mutated, random text, deep nesting. */
    @FuzzTest
    @TestFactory
    Stream<DynamicTest> hostileTemplates(@TempDir Path dir) throws IOException {
        FuzzRun run = FuzzRun.start("migrate-fuzz", 900);
        List<String> fixtures = fixtureInputs();
        int chunk = 250;
        return LongStream.range(0, (run.iterations() + chunk - 1) / chunk).mapToObj(c -> DynamicTest.dynamicTest(
            "cases " + c * chunk + ".." + Math.min(run.iterations(), (c + 1) * chunk), () -> {
                for (long n = c * chunk; n < Math.min(run.iterations(), (c + 1) * chunk); n++) {
                    hostileCase(run, n, fixtures, dir);
                }
                if ((c + 1) * chunk >= run.iterations()) {
                    run.report();
                }
            }));
    }

    private static void hostileCase(FuzzRun run, long n, List<String> fixtures, Path dir) throws IOException {
        Random r = run.random(n);
        HtmlFuzzer fuzz = new HtmlFuzzer(r);
        String kind;
        String in;
        switch (r.nextInt(10)) {
            case 0, 1, 2, 3 -> {
                kind = "mutated-fixture";
                in = TemplateGenerator.hostile(fixtures.get(r.nextInt(fixtures.size())), r, fuzz);
            }
            case 4, 5 -> {
                kind = "mutated-generated";
                in = TemplateGenerator.hostile(new TemplateGenerator(r.nextLong()).generate(), r, fuzz);
            }
            case 6 -> {
                kind = "random-text";
                in = fuzz.randomText();
            }
            case 7 -> {
                kind = "fixture-spliced";
                String a = fixtures.get(r.nextInt(fixtures.size()));
                String b = fixtures.get(r.nextInt(fixtures.size()));
                in = a.substring(0, r.nextInt(a.length() + 1)) + b.substring(r.nextInt(b.length() + 1));
            }
            case 8 -> {
                kind = "deep";
                int depth = 100 + r.nextInt(3000);
                in = "<div hx-ws=\"connect:/a\">".repeat(depth) + "<form hx-ws=\"send\">"
                    + "</div>".repeat(r.nextInt(depth));
            }
            default -> {
                kind = "generated";
                in = new TemplateGenerator(r.nextLong()).generate();
            }
        }
        run.count(kind, in.length());
        String where = run.where(n, kind);
        boolean changed = false;
        try {
            for (Target t : Target.values()) {
                changed |= checkRewrite(in, t, where);
            }
        } catch (AssertionError e) {
            throw run.failed(n, in, e);
        }
        run.outcome(changed ? "rewritten" : "unchanged");
        if (r.nextInt(8) == 0) {
            checkOnDisk(in, Target.values()[r.nextInt(Target.values().length)], r, dir.resolve("case-" + n + ".html"),
                where);
        }
    }

    /**
     * One text through the migrator: nothing thrown; edits in order, apart and inside the text; the output is the
     * input with exactly those edits (rebuilt here, independently); each edit replaces a rewritten attribute; a
     * second run changes nothing; findings point into the text. Returns whether it changed.
     */
    private static boolean checkRewrite(String in, Target t, String where) {
        TemplateMigrator.Result r;
        TemplateMigrator.Result again;
        try {
            r = new TemplateMigrator(t).migrate(in);
            again = new TemplateMigrator(t).migrate(r.output());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(
                where + " --to " + t.number() + ": the migrator threw " + e + " on:\n" + abbreviate(in), e);
        }
        StringBuilder rebuilt = new StringBuilder(in.length());
        int at = 0;
        for (Edit e : r.edits()) {
            assertThat(e.start()).as("%s: edit %s starts after the previous one ends (%d)", where, e, at)
                .isGreaterThanOrEqualTo(at);
            assertThat(e.end()).as("%s: edit %s", where, e).isBetween(e.start(), in.length());
            rebuilt.append(in, at, e.start()).append(e.replacement());
            at = e.end();
        }
        rebuilt.append(in, at, in.length());
        assertThat(r.output())
            .as("%s --to %d: the output is the input with its edits, every other char as it was", where,
                t.number())
            .isEqualTo(rebuilt.toString());
        editsOnlyInsideRewrittenAttributes(in, r, where + " --to " + t.number() + ", input:\n" + abbreviate(in) + "\n");
        assertThat(again.edits()).as("%s --to %d: a second run changes nothing; input:%n%s", where, t.number(),
            abbreviate(in)).isEmpty();
        long lines = in.chars().filter(ch -> ch == '\n').count() + in.chars().filter(ch -> ch == '\r').count() + 1;
        for (Finding f : r.findings()) {
            assertThat(f.line()).as("%s: finding %s", where, f).isBetween(1, (int) Math.min(Integer.MAX_VALUE, lines));
            assertThat(f.column()).as("%s: finding %s", where, f).isPositive();
        }
        return r.changed();
    }

    /** The same text as a file, with a random encoding, BOM and stray bytes, migrated in place twice. */
    private static void checkOnDisk(String text, Target t, Random r, Path file, String where) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = switch (r.nextInt(4)) {
            case 0 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
            case 1 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
            case 2 -> {
                byte[] b = body.clone();
                if (b.length > 0) {
                    b[r.nextInt(b.length)] = (byte) (0x80 + r.nextInt(0x80)); // likely not UTF-8 any more
                }
                yield b;
            }
            default -> body;
        };
        Files.write(file, bytes);
        FileMigrator fm = new FileMigrator(new FileMigrator.Options(t, StandardCharsets.UTF_8,
            FileMigrator.Options.DEFAULT_MAX_SIZE, true));
        FileOutcome first = fm.migrate(file, true);
        byte[] after = Files.readAllBytes(file);
        if (first.written()) {
            assertThat(first.changed()).as(where).isTrue();
            String out = first.result().output();
            byte[] expected = bytes[0] == (byte) 0xFF
                ? concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, out.getBytes(StandardCharsets.UTF_16LE))
                : bytes[0] == (byte) 0xEF && bytes.length >= 3 && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                    ? concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, out.getBytes(StandardCharsets.UTF_8))
                    : out.getBytes(StandardCharsets.UTF_8);
            assertThat(after).as("%s: the file is the migrated text in its own encoding", where).isEqualTo(expected);
        } else {
            assertThat(after).as("%s: a file not written is left byte for byte (%s)", where, first.findings())
                .isEqualTo(bytes);
        }
        FileOutcome second = fm.migrate(file, true);
        assertThat(second.changed()).as("%s: a second run on disk changes nothing", where).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(after);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".htmxws.tmp")).toList()).as(where)
                .isEmpty();
        }
        Files.delete(file);
    }

    /** 100,000 nested legacy elements, 100,000 attributes on one element, a 4 MB value: no overflow; prints times. */
    @LongTest
    @org.junit.jupiter.api.Test
    void extremeTemplatesAreRewrittenWithoutOverflow() {
        int n = 100_000;
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("100,000 nested legacy elements", "<div hx-ws=\"connect:/a\">".repeat(n) + "</div>".repeat(n));
        cases.put("100,000 attributes on one element", "<div hx-ws=\"connect:/a\" " + "data-x=\"1\" ".repeat(n) + ">");
        cases.put("a 4 MB hx-ws value", "<div hx-ws=\"connect:/" + "a".repeat(4 << 20) + "\"></div>");
        cases.put("100,000 unclosed template tags", "{% if x %}<div hx-sse=\"connect:/e\">".repeat(n));
        cases.put("an unclosed comment before it all", "<!-- " + "<div hx-ws=\"connect:/a\">".repeat(n));
        for (java.util.Map.Entry<String, String> c : cases.entrySet()) {
            for (Target t : Target.values()) {
                long t0 = System.nanoTime();
                boolean changed = checkRewrite(c.getValue(), t, c.getKey());
                System.out.printf(java.util.Locale.ROOT, "migrate: %s --to %d in %d ms (%s)%n", c.getKey(), t.number(),
                    (System.nanoTime() - t0) / 1_000_000, changed ? "rewritten" : "unchanged");
            }
        }
    }

    static List<String> fixtureInputs() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/migrate/cases"))) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.filter(f -> f.getFileName().toString().startsWith("input.")).toList()) {
                        out.add(Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(out).as("the migrate fixtures as seeds").hasSizeGreaterThan(100);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "... (" + s.length() + " chars)";
    }

    private static LongStream seeds() {
        long base = Long.getLong("htmxws.seed", 20261121L);
        return LongStream.range(base, base + CASES);
    }

    private static void checkAll(String in, Target t, long seed) {
        TemplateMigrator m = new TemplateMigrator(t);
        TemplateMigrator.Result r = m.migrate(in);
        editsOnlyInsideRewrittenAttributes(in, r, "seed " + seed);
        TemplateMigrator.Result again = m.migrate(r.output());
        assertThat(again.edits()).as("seed %d --to %d: second run changes nothing; input:%n%s", seed, t.number(), in)
            .isEmpty();
        assertThat(again.output()).isEqualTo(r.output());
        assertThat(tree(r.output())).as("seed %d --to %d: same tree apart from rewritten attributes; input:%n%s",
            seed, t.number(), in).isEqualTo(tree(in));
    }

    private static void editsOnlyInsideRewrittenAttributes(String in, TemplateMigrator.Result r, String where) {
        String masked = TemplateMask.of(in).masked(); // template constructs blanked, as the migrator reads the text
        for (Edit e : r.edits()) {
            String before = in.substring(e.start(), e.end());
            boolean ok = REWRITTEN_NAME.matcher(before).matches() || insideExtValue(masked, e.start());
            String context = masked.substring(Math.max(0, e.start() - 40), e.start());
            assertThat(ok).as("%s: edit %s replaces \"%s\" after \"%s\"", where, e, before,
                context).isTrue();
        }
    }

    /** Whether {@code at} is at the end of an hx-ext name or inside its value, from the last hx-ext before it. */
    private static boolean insideExtValue(String masked, int at) {
        for (int i = at - 6; i >= 0; i--) {
            if (masked.regionMatches(true, i, "hx-ext", 0, 6)) {
                return INSIDE_EXT_VALUE.matcher(masked.substring(i, at)).matches();
            }
        }
        return false;
    }

    /** Tag names, other attributes and own text of every element, in document order (templates masked). */
    private static List<String> tree(String text) {
        List<String> out = new ArrayList<>();
        for (Element e : Jsoup.parse(TemplateMask.of(text).masked()).getAllElements()) {
            StringBuilder b = new StringBuilder(e.tagName());
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String base = key.startsWith("data-") ? key.substring(5) : key;
                if (!REWRITTEN_KEYS.contains(base)) {
                    b.append(' ').append(key).append('=').append(a.getValue());
                }
            }
            b.append(" | ").append(e.ownText());
            out.add(b.toString());
        }
        return out;
    }
}
