package dev.htmxws.script;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A JUnit XML report (the format CI systems read): one test case per expectation of a script. */
public final class JUnitReport {

    private JUnitReport() {
    }

    public static void write(Path file, String suite, List<ScriptEngine.Result> results, double seconds)
        throws IOException {
        long failures = results.stream().filter(r -> !r.met()).count();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write(String.format(Locale.ROOT,
                "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                xml(suite), results.size(), failures, seconds));
            for (ScriptEngine.Result r : results) {
                w.write(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                    xml(suite), xml(r.where() + " expect " + r.expectation()), r.millis() / 1000.0));
                if (r.met()) {
                    w.write("/>\n");
                } else {
                    w.write(">\n    <failure message=\"" + xml(r.detail() == null ? "" : r.detail())
                        + "\" type=\"expectation\">"
                        + xml(r.where() + ": expected " + r.expectation() + "; " + r.detail())
                        + "</failure>\n  </testcase>\n");
                }
            }
            w.write("</testsuite>\n");
        }
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append(' '); // not allowed in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
