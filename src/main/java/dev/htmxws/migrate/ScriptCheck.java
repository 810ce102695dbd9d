package dev.htmxws.migrate;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Page-level warnings from the {@code <script src>} tags: htmx core loaded without the extension the page
 * needs, or an htmx 1 core with an htmx 2 extension (and the reverse).
 */
final class ScriptCheck {

    interface Reporter {
        void report(int offset, Level level, String code, String message);
    }

    private static final Pattern CORE_VERSION = Pattern.compile("(?:htmx\\.org@|/htmx/)(\\d+)\\.");
    private static final Pattern EXT_FROM_CORE_PACKAGE = Pattern.compile("htmx\\.org@(\\d+)[^/]*/dist/ext/");

    private ScriptCheck() {
    }

    static void check(Document doc, Function<Element, String> srcOf, Target target, boolean usesWs, boolean usesSse,
        Reporter out) {
        Element core = null;
        int coreMajor = -1;
        boolean wsExt = false;
        boolean sseExt = false;
        for (Element script : doc.getElementsByTag("script")) {
            String src = script.hasAttr("src") ? srcOf.apply(script) : null;
            if (src == null) {
                continue;
            }
            String s = src.toLowerCase(Locale.ROOT);
            boolean ws = isExtension(s, "ws", target);
            boolean sse = isExtension(s, "sse", target);
            wsExt |= ws;
            sseExt |= sse;
            if (ws || sse) {
                int extMajor = extensionMajor(s);
                if (coreMajor > 0 && extMajor > 0 && extMajor != coreMajor) {
                    out.report(script.sourceRange().startPos(), Level.WARNING, "version-mismatch",
                        "\"" + src + "\" is an htmx " + extMajor + " extension but the page loads htmx " + coreMajor
                            + " core; load the extension built for the core's major version");
                }
            } else if (s.contains("htmx") && !s.contains("/ext/") && !s.contains("htmx-ext-") && core == null) {
                core = script;
                Matcher m = CORE_VERSION.matcher(s);
                coreMajor = m.find() ? Integer.parseInt(m.group(1)) : -1;
            }
        }
        if (core == null) {
            return;
        }
        int at = core.sourceRange().startPos();
        if (usesWs && !wsExt) {
            out.report(at, Level.WARNING, "missing-extension-script", "the page loads htmx core but no "
                + (target == Target.HTMX4 ? "hx-ws.js" : "ws extension (htmx-ext-ws)")
                + " script, and it uses WebSocket attributes; add the extension's <script> (here or in the layout)");
        }
        if (usesSse && !sseExt) {
            out.report(at, Level.WARNING, "missing-extension-script", "the page loads htmx core but no "
                + (target == Target.HTMX4 ? "hx-sse.js" : "sse extension (htmx-ext-sse)")
                + " script, and it uses SSE attributes; add the extension's <script> (here or in the layout)");
        }
    }

    private static boolean isExtension(String s, String name, Target target) {
        return s.contains("htmx-ext-" + name) || s.matches(".*/ext/" + name + "(\\.min)?\\.js.*")
            || s.matches(".*/hx-" + name + "(\\.min)?\\.js.*")
            || (target == Target.HTMX2 && s.matches(".*/" + name + "(\\.min)?\\.js.*") && s.contains("htmx"));
    }

    /** Major version an extension script was built for, or -1. */
    private static int extensionMajor(String s) {
        if (s.contains("htmx-ext-")) {
            return 2;
        }
        Matcher m = EXT_FROM_CORE_PACKAGE.matcher(s);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
