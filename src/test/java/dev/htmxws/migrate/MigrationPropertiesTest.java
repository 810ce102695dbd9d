package dev.htmxws.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties over generated templates (seeded, so a failure names its seed and replays exactly):
 * <ol>
 *   <li>every edit lies inside a rewritten attribute (a legacy or htmx 2 extension attribute, or an hx-ext
 *       value), so the output equals the input everywhere else;</li>
 *   <li>a second run over the output changes nothing;</li>
 *   <li>input and output parse to the same element tree apart from the rewritten attributes.</li>
 * </ol>
 * The same runs over randomly mutated templates must also never throw.
 */
class MigrationPropertiesTest {

    private static final int CASES = 400;
    private static final Pattern REWRITTEN_NAME = Pattern.compile(
        "(?is)\\s*(data-)?(hx-ws|hx-sse|ws-connect|ws-send|sse-connect|sse-close|hx-ext)\\b.*");
    private static final Pattern INSIDE_EXT_VALUE = Pattern.compile("(?is).*hx-ext(\\s*=\\s*[\"']?[^\"'<>]*)?$");
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
                editsOnlyInsideRewrittenAttributes(in, r, seed);
                assertThat(new TemplateMigrator(t).migrate(r.output()).edits()).as("seed %d: second run", seed).isEmpty();
                for (Finding f : r.findings()) {
                    assertThat(f.line()).isPositive();
                }
            }
        }));
    }

    private static LongStream seeds() {
        long base = Long.getLong("htmxws.seed", 20261121L);
        return LongStream.range(base, base + CASES);
    }

    private static void checkAll(String in, Target t, long seed) {
        TemplateMigrator m = new TemplateMigrator(t);
        TemplateMigrator.Result r = m.migrate(in);
        editsOnlyInsideRewrittenAttributes(in, r, seed);
        TemplateMigrator.Result again = m.migrate(r.output());
        assertThat(again.edits()).as("seed %d --to %d: second run changes nothing; input:%n%s", seed, t.number(), in)
            .isEmpty();
        assertThat(again.output()).isEqualTo(r.output());
        assertThat(tree(r.output())).as("seed %d --to %d: same tree apart from rewritten attributes; input:%n%s",
            seed, t.number(), in).isEqualTo(tree(in));
    }

    private static void editsOnlyInsideRewrittenAttributes(String in, TemplateMigrator.Result r, long seed) {
        for (Edit e : r.edits()) {
            String before = in.substring(e.start(), e.end());
            String context = in.substring(Math.max(0, e.start() - 300), e.start());
            boolean ok = REWRITTEN_NAME.matcher(before).matches() || INSIDE_EXT_VALUE.matcher(context).matches();
            assertThat(ok).as("seed %d: edit %s replaces \"%s\" after \"%s\"", seed, e, before,
                context.substring(Math.max(0, context.length() - 40))).isTrue();
        }
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
