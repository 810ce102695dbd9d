package dev.htmxws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.fuzz.HtmlFuzzer;
import dev.htmxws.testing.LongTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * 100,000 levels of nesting from a server, in one message and built up by nested out-of-band targets, through
 * {@link HtmxPage#received} for htmx 1, 2 and 4: nothing overflows the stack or runs out of memory, and the page
 * still serialises and takes clicks. Prints the time per case and the deepest page built.
 */
@LongTest
class DeepNestingTest {

    private static final int LEVELS = 100_000;

    @Test
    void aHundredThousandLevelsInOneMessage() {
        Map<String, String> kinds = Map.of(
            "div", HtmlFuzzer.nested("<div>", "</div>", LEVELS, true),
            "nested-oob", HtmlFuzzer.nested("<div id=\"t\" hx-swap-oob=\"beforeend\">", "</div>", LEVELS, true),
            "table", HtmlFuzzer.nested("<table><tr><td>", "</td></tr></table>", LEVELS / 3, false),
            "misnested-b-i", HtmlFuzzer.nested("<b><i>", "</b></i>", LEVELS / 2, true));
        for (Map.Entry<String, String> k : new java.util.TreeMap<>(kinds).entrySet()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "deep %-14s", k.getKey()));
            for (Dialect d : Dialect.values()) {
                for (boolean plan : new boolean[] {false, true}) {
                    ServerMessageFuzzTest.Session s = new ServerMessageFuzzTest.Session(d, plan, "");
                    long t0 = System.nanoTime();
                    String outcome = s.deliver(k.getValue(), new java.util.Random(1), "deep " + k.getKey());
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertThat(outcome).isIn("swapped", "warned", "nothing-to-do");
                    line.append(String.format(Locale.ROOT, "  h%d %s %5d ms, depth %d", d.number(),
                        plan ? "plan " : "apply", ms,
                        depth(s.dom.body())));
                }
            }
            System.out.println(line);
        }
    }

    /** htmx 4 clones nested out-of-band elements inside their ancestors' copies: quadratic, so htmxws stops early. */
    @Test
    void nestedOutOfBandElementsAreRefusedWithAWarningNotCopiedUntilMemoryRunsOut() {
        String msg = HtmlFuzzer.nested("<div id=\"t\" hx-swap-oob=\"beforeend\">", "</div>", LEVELS, true);
        for (boolean plan : new boolean[] {false, true}) {
            ServerMessageFuzzTest.Session s = new ServerMessageFuzzTest.Session(Dialect.HTMX4, plan, "");
            s.page.received(1, msg);
            PageEvent.Received r = (PageEvent.Received) s.events.stream().filter(e -> e instanceof PageEvent.Received)
                .findFirst().orElseThrow();
            assertThat(r.swaps()).isEmpty();
            assertThat(r.warnings()).anySatisfy(w -> {
                assertThat(w.code()).isEqualTo("message-too-large");
                assertThat(w.message()).contains("would copy more than").contains("nested");
            });
            assertThat(s.dom.byId("t")).singleElement().extracting(Element::text).isEqualTo("t");
        }
    }

    @Test
    void nestedOutOfBandTargetsBuildAPageAHundredThousandLevelsDeep() {
        int per = 400;
        for (Dialect d : Dialect.values()) {
            ServerMessageFuzzTest.Session s = new ServerMessageFuzzTest.Session(d, false,
                "<div id=\"leaf\">start</div>");
            String inner = "<div>".repeat(per) + "<div id=\"leaf\">x</div>" + "</div>".repeat(per);
            String msg = d == Dialect.HTMX4
                ? "<hx-partial hx-target=\"#leaf\" hx-swap=\"outerHTML\">" + inner + "</hx-partial>"
                : "<div hx-swap-oob=\"outerHTML:#leaf\">" + inner + "</div>";
            long t0 = System.nanoTime();
            for (int i = 0; i * per < LEVELS; i++) {
                assertThat(s.deliver(msg, new java.util.Random(i), "leaf " + i)).isEqualTo("swapped");
            }
            long swapMs = (System.nanoTime() - t0) / 1_000_000;
            Element deepest = s.dom.byId("leaf").get(0);
            int depth = depth(s.dom.body());
            assertThat(depth).isGreaterThan(LEVELS);

            long t1 = System.nanoTime();
            String canonical = s.dom.canonicalBody(); // a script's `dom`
            String html = s.dom.document().outerHtml(); // --dom-out
            s.page.user().click(deepest); // closest() and trigger lookups walk all the way up
            List<Element> found = s.dom.select("#leaf");
            long readMs = (System.nanoTime() - t1) / 1_000_000;
            assertThat(canonical).contains("<div id=\"leaf\">x</div>");
            assertThat(html).contains("<div id=\"leaf\">x</div>");
            assertThat(found).containsExactly(deepest);
            System.out.printf(Locale.ROOT,
                "deep page h%d: %d levels built by %d messages in %d ms; serialised and clicked in %d ms%n",
                d.number(), depth, LEVELS / per, swapMs, readMs);
        }
    }

    static int depth(Element root) {
        int max = 0;
        List<Element> stack = new ArrayList<>(List.of(root));
        List<Integer> depths = new ArrayList<>(List.of(0));
        while (!stack.isEmpty()) {
            Element e = stack.remove(stack.size() - 1);
            int dd = depths.remove(depths.size() - 1);
            max = Math.max(max, dd);
            for (Element c : e.children()) {
                stack.add(c);
                depths.add(dd + 1);
            }
        }
        return max;
    }
}
