package dev.htmxws.cli.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ```console} blocks of a Markdown file: each {@code $ command} line and the lines under it (its output,
 * up to the next {@code $} line or the end of the block). A block right after {@code <!-- not run: WHY -->} is
 * illustrative: it is listed, never run. {@link #rewrite} puts new outputs in place and leaves every other line as
 * it was, so that refreshing the examples changes only what the tool now prints differently.
 */
final class ConsoleBlocks {

    /** The marker of a block that is not run, with the reason in it. */
    static final Pattern NOT_RUN = Pattern.compile("^<!-- not run: (.+?) -->$");

    /** One {@code $} line: {@code line} is its 1-based line number; its output is at {@code [from, to)} (0-based). */
    record Example(int line, String command, List<String> output, int from, int to) {

        String where() {
            return "README.md:" + line + " `$ " + command + "`";
        }
    }

    /** One console block: the line of its opening fence (1-based), why it is not run (or null), its examples. */
    record Block(int line, String notRun, List<Example> examples) {

        String where() {
            return "README.md:" + line + (examples.isEmpty() ? "" : " `$ " + examples.get(0).command() + "`");
        }
    }

    /** A console block that breaks the rules (text before its first {@code $}, no end). */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private final List<String> lines;
    private final List<Block> blocks = new ArrayList<>();
    private final List<String> untestedExamples = new ArrayList<>();

    ConsoleBlocks(String markdown) {
        this.lines = List.of(markdown.split("\n", -1));
        parse();
    }

    List<Block> blocks() {
        return blocks;
    }

    /**
     * {@code $ htmxws} lines in fenced blocks other than console blocks: examples that nothing runs, which a reader
     * cannot tell from the tested ones. Each as "README.md:LINE".
     */
    List<String> untestedExamples() {
        return untestedExamples;
    }

    private void parse() {
        String fence = null; // the info string of the open fenced block, or null outside one
        int start = 0;
        List<Example> examples = null;
        int cmdLine = 0;
        String cmd = null;
        int outFrom = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (fence == null) {
                if (l.startsWith("```")) {
                    fence = l.substring(3).strip();
                    start = i;
                    examples = new ArrayList<>();
                    cmd = null;
                }
                continue;
            }
            if (l.equals("```")) {
                if (fence.equals("console")) {
                    if (cmd != null) {
                        examples.add(new Example(cmdLine, cmd, List.copyOf(lines.subList(outFrom, i)), outFrom, i));
                    }
                    if (examples.isEmpty()) {
                        throw new Malformed("README.md:" + (start + 1) + ": a console block without a `$ ` command");
                    }
                    blocks.add(new Block(start + 1, notRun(start), List.copyOf(examples)));
                }
                fence = null;
                continue;
            }
            if (!fence.equals("console")) {
                if (l.startsWith("$ htmxws") || l.startsWith("$ ./htmxws")) {
                    untestedExamples.add("README.md:" + (i + 1));
                }
                continue;
            }
            if (l.startsWith("$ ")) {
                if (cmd != null) {
                    examples.add(new Example(cmdLine, cmd, List.copyOf(lines.subList(outFrom, i)), outFrom, i));
                }
                cmd = l.substring(2);
                cmdLine = i + 1;
                outFrom = i + 1;
            } else if (cmd == null) {
                throw new Malformed(
                    "README.md:" + (i + 1) + ": console blocks start with a `$ ` command line, not: " + l);
            }
        }
        if (fence != null) {
            throw new Malformed("README.md:" + (start + 1) + ": a fenced block that never ends");
        }
    }

    private String notRun(int fenceIndex) {
        if (fenceIndex == 0) {
            return null;
        }
        Matcher m = NOT_RUN.matcher(lines.get(fenceIndex - 1).strip());
        return m.matches() ? m.group(1) : null;
    }

    /** The file with these examples' outputs replaced; every other line as it was. */
    String rewrite(Map<Example, List<String>> outputs) {
        Map<Integer, Example> byStart = new LinkedHashMap<>();
        outputs.keySet().forEach(e -> byStart.put(e.from(), e));
        List<String> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Example e = byStart.get(i);
            if (e != null && e.to() > e.from()) {
                result.addAll(outputs.get(e));
                i = e.to() - 1;
            } else if (e != null) { // an example that showed no output: the new lines go before line i
                result.addAll(outputs.get(e));
                result.add(lines.get(i));
            } else {
                result.add(lines.get(i));
            }
        }
        return String.join("\n", result);
    }
}
