package dev.htmxws.dom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.htmxws.protocol.Dialect;
import dev.htmxws.protocol.incoming.IncomingMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The incremental id index must always equal a full scan of the page, whatever sequence of swaps and
 * direct edits happens. Seeded, so a failure is reproducible from the seed in the test name.
 */
class IdIndexPropertyTest {
    private static final String[] IDS = {"a", "b", "c", "d", "null", "1x", "e f"};
    private static final String[] H2_STYLES = {"true", "outerHTML", "innerHTML", "beforeend", "afterbegin",
        "beforebegin", "afterend", "delete", "none", "textContent"};
    private static final String[] H4_STYLES = {"true", "innerHTML", "beforeend", "afterend", "delete", "textContent"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99991})
    void indexEqualsFullScanAfterEveryStep(long seed) {
        Random rnd = new Random(seed);
        VirtualDom dom = VirtualDom.parse("<body><div id=c hx-ext=ws ws-connect=/ws hx-ws:connect=/ws>"
            + "<div id=a>a<span id=b>b</span></div><ul id=d><li id=c>1</li></ul><template><p id=a>t</p></template></div></body>",
            "http://h/");
        Element connect = dom.body().child(0);
        IncomingMessages h2 = new IncomingMessages(Dialect.HTMX2);
        IncomingMessages h4 = new IncomingMessages(Dialect.HTMX4);
        for (int step = 0; step < 300; step++) {
            int op = rnd.nextInt(6);
            switch (op) {
                case 0, 1 -> h2.apply(h2.plan(randomH2Message(rnd)), dom, connect);
                case 2 -> {
                    if (dom.isLive(connect)) {
                        h4.apply(h4.plan(randomH4Message(rnd)), dom, connect);
                    }
                }
                case 3 -> { // move a live element somewhere else (possibly into a template)
                    List<Element> all = liveElements(dom);
                    Element moving = all.get(rnd.nextInt(all.size()));
                    Element dest = dom.document().getAllElements()
                        .get(rnd.nextInt(dom.document().getAllElements().size()));
                    if (moving != dom.body() && moving.parent() != null && !isSelfOrAncestor(moving, dest)
                        && dest.parent() != null && !(dest instanceof org.jsoup.nodes.Document)) {
                        dom.append(dest, List.of(moving));
                    }
                }
                case 4 -> { // rename an id
                    List<Element> all = liveElements(dom);
                    Element e = all.get(rnd.nextInt(all.size()));
                    if (rnd.nextBoolean()) {
                        dom.setAttribute(e, "id", IDS[rnd.nextInt(IDS.length)]);
                    } else {
                        dom.removeAttribute(e, "id");
                    }
                }
                default -> { // remove a subtree
                    List<Element> all = liveElements(dom);
                    Element e = all.get(rnd.nextInt(all.size()));
                    if (e != dom.body() && e != dom.document().head() && e.parent() != null
                        && !(e.parent() instanceof org.jsoup.nodes.Document)) {
                        dom.remove(e);
                    }
                }
            }
            if (!dom.isLive(connect)) { // keep messages flowing: adopt a new connect element if one arrived
                connect = dom.body();
            }
            assertThat(normalise(dom.indexSnapshot())).as("seed %d step %d op %d", seed, step, op)
                .isEqualTo(fullScan(dom));
            List<Element> all = liveElements(dom);
            Element root = all.get(rnd.nextInt(all.size()));
            for (String id : IDS) {
                List<Element> inside = dom.byId(id).stream().filter(e -> e != root && isSelfOrAncestor(root, e))
                    .toList();
                assertThat(dom.byIdWithin(id, root))
                    .as("seed %d step %d: #%s within %s", seed, step, id, root.normalName())
                    .containsExactlyElementsOf(inside);
            }
        }
    }

    private static boolean isSelfOrAncestor(Element a, Element b) {
        for (Element p = b; p != null; p = p.parent()) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    private static String randomH2Message(Random rnd) {
        StringBuilder m = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            String id = IDS[rnd.nextInt(IDS.length)];
            String style = H2_STYLES[rnd.nextInt(H2_STYLES.length)];
            m.append("<div id=\"").append(id).append("\" hx-swap-oob=\"").append(style).append("\">")
                .append(randomContent(rnd)).append("</div>");
        }
        return m.toString();
    }

    private static String randomH4Message(Random rnd) {
        String id = IDS[rnd.nextInt(IDS.length)];
        String style = H4_STYLES[rnd.nextInt(H4_STYLES.length)];
        return (rnd.nextBoolean() ? randomContent(rnd) : "") + "<div id=\"" + id + "\" hx-swap-oob=\"" + style + "\">"
            + randomContent(rnd) + "</div>";
    }

    private static String randomContent(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> "text";
            case 1 -> "<p id=\"" + IDS[rnd.nextInt(IDS.length)] + "\">x<b id=\"" + IDS[rnd.nextInt(IDS.length)]
                + "\">y</b></p>";
            case 2 -> "<template><i id=\"" + IDS[rnd.nextInt(IDS.length)] + "\">t</i></template><em id=\"b\">e</em>";
            default -> "<ul><li id=\"" + IDS[rnd.nextInt(IDS.length)] + "\">1</li></ul>";
        };
    }

    private static List<Element> liveElements(VirtualDom dom) {
        List<Element> out = new ArrayList<>();
        for (Element e : dom.document().getAllElements()) {
            if (dom.isLive(e) && !(e instanceof org.jsoup.nodes.Document)) {
                out.add(e);
            }
        }
        return out;
    }

    /** What getElementById/querySelectorAll would see: every id outside template content, document order. */
    private static Map<String, List<Integer>> fullScan(VirtualDom dom) {
        Map<String, List<Element>> found = new HashMap<>();
        scan(dom.document(), found);
        return normalise(found);
    }

    private static void scan(Node n, Map<String, List<Element>> out) {
        if (n instanceof Element e) {
            if (e.hasAttr("id")) {
                out.computeIfAbsent(e.attr("id"), k -> new ArrayList<>()).add(e);
            }
            if (e.normalName().equals("template")) {
                return;
            }
        }
        for (Node c : n.childNodes()) {
            scan(c, out);
        }
    }

    /** Identity hash codes make the comparison exact (same objects, same order) with readable failures. */
    private static Map<String, List<Integer>> normalise(Map<String, List<Element>> m) {
        Map<String, List<Integer>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().map(System::identityHashCode).toList()));
        return out;
    }
}
