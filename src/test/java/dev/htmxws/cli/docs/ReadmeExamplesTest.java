package dev.htmxws.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.htmxws.cli.docs.ConsoleBlocks.Block;
import dev.htmxws.cli.docs.ConsoleBlocks.Example;
import dev.htmxws.testing.LongTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples are what the tool prints: every {@code ```console} block is run for real ({@link
 * ExampleSession} says how) and each command's output compared with the one the README shows, after {@link
 * VaryingParts} has put placeholders in for ports, times and durations. A difference fails, naming the block and the
 * command that refreshes the README: {@code -Dhtmxws.docs.write=true} writes the outputs of this run into README.md
 * instead (the outputs that already match are left as they are, so a refresh changes only what changed).
 */
@LongTest
class ReadmeExamplesTest {

    static final String REFRESH = "./mvnw -q -B test -Dtests.excluded=none -Dtest=ReadmeExamplesTest -Dhtmxws.docs.write=true";

    /** Blocks that cannot run here (the interactive shell needs a terminal) are marked, and kept few. */
    private static final int MAX_NOT_RUN = 2;

    private static final Path README = Path.of("README.md").toAbsolutePath();
    private static final boolean WRITE = Boolean.getBoolean("htmxws.docs.write");

    @TempDir
    static Path tmp;

    private static String markdown;
    private static ConsoleBlocks readme;
    private static ExampleSession session;
    private static final Map<Example, List<String>> rewritten = new LinkedHashMap<>();
    private static long startedNanos;

    @BeforeAll
    static void readTheReadme() throws IOException {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win"),
            "the README's examples are POSIX shell sessions (and a server is stopped with kill -INT)");
        markdown = Files.readString(README, StandardCharsets.UTF_8);
        readme = new ConsoleBlocks(markdown);
        session = new ExampleSession(tmp);
        startedNanos = System.nanoTime();
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
            System.out.printf("README examples: %d blocks, %d htmxws commands, %.1f s%n", readme.blocks().size(),
                session.commands(), (System.nanoTime() - startedNanos) / 1e9);
        }
    }

    @TestFactory
    List<DynamicTest> everyConsoleBlockPrintsWhatTheReadmeShows() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Block> blocks = readme.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.notRun() != null) {
                tests.add(DynamicTest.dynamicTest(b.where() + " (not run)",
                    () -> Assumptions.abort("not run: " + b.notRun())));
            } else if (ExampleSession.startsServer(b)) {
                if (i + 1 >= blocks.size()) {
                    throw new IllegalStateException(b.where() + ": a server block needs a block after it to serve");
                }
                Block clients = blocks.get(++i);
                tests.add(DynamicTest.dynamicTest(b.where() + " with " + clients.where(), () -> {
                    long t0 = System.nanoTime();
                    List<List<List<String>>> outputs = session.runWithServer(b, clients);
                    printTime(b, t0);
                    check(List.of(b, clients), outputs);
                }));
            } else {
                tests.add(DynamicTest.dynamicTest(b.where(), () -> {
                    long t0 = System.nanoTime();
                    List<List<String>> outputs = session.run(b);
                    printTime(b, t0);
                    check(List.of(b), List.of(outputs));
                }));
            }
        }
        if (WRITE) {
            tests.add(DynamicTest.dynamicTest("write README.md", () -> {
                String updated = readme.rewrite(rewritten);
                if (!updated.equals(markdown)) {
                    Files.writeString(README, updated, StandardCharsets.UTF_8);
                    System.out.println("wrote README.md: " + rewritten.size() + " outputs refreshed");
                }
            }));
        }
        return tests;
    }

    private static void printTime(Block b, long startNanos) {
        System.out.printf("README.md:%d ran in %.2f s%n", b.line(), (System.nanoTime() - startNanos) / 1e9);
    }

    /** Compares each example's output with a real run's; collects the new outputs in write mode, fails otherwise. */
    private static void check(List<Block> blocks, List<List<List<String>>> outputs) {
        List<String> failures = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            List<Example> examples = blocks.get(b).examples();
            for (int e = 0; e < examples.size(); e++) {
                Example ex = examples.get(e);
                List<String> actual = outputs.get(b).get(e);
                String diff = difference(ex, actual);
                if (diff != null) {
                    if (WRITE) {
                        rewritten.put(ex, actual);
                        System.out.println("refreshed " + ex.where());
                    } else {
                        failures.add(diff);
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures) + "\n\nIf the tool is right, refresh the README's"
                + " outputs with: " + REFRESH);
        }
    }

    /** Null when the README shows what the real run printed (but for {@link VaryingParts}); else what differs. */
    static String difference(Example ex, List<String> actual) {
        List<String> want = VaryingParts.normalise(ex.output());
        List<String> got = VaryingParts.normalise(actual);
        if (want.equals(got)) {
            return null;
        }
        int i = 0;
        while (i < want.size() && i < got.size() && want.get(i).equals(got.get(i))) {
            i++;
        }
        StringBuilder m = new StringBuilder(ex.where() + ": the README shows another output than a real run, from its"
            + " line " + (ex.line() + 1 + i) + ":\n");
        m.append("  README:   ").append(i < want.size() ? ex.output().get(i) : "(nothing more)").append('\n');
        m.append("  real run: ").append(i < got.size() ? actual.get(i) : "(nothing more)").append('\n');
        m.append("the real run's whole output:\n");
        actual.forEach(l -> m.append("  | ").append(l).append('\n'));
        return m.toString().stripTrailing();
    }

    // ---------------------------------------------------------------- the rules the blocks follow

    @Test
    void blocksThatAreNotRunSayWhyAndAreFew() {
        List<Block> notRun = readme.blocks().stream().filter(b -> b.notRun() != null).toList();
        notRun.forEach(b -> System.out.println(b.where() + " is not run: " + b.notRun()));
        assertThat(notRun).as("console blocks marked <!-- not run: … -->").hasSizeLessThanOrEqualTo(MAX_NOT_RUN);
        assertThat(readme.blocks().size() - notRun.size()).as("console blocks that run").isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyExampleWithOutputIsInAConsoleBlock() {
        assertThat(readme.untestedExamples())
            .as("`$ htmxws` lines outside ```console blocks are never run; put them in a console block")
            .isEmpty();
    }

    // ---------------------------------------------------------------- the comparison itself

    @Test
    void aHandEditedOutputIsADifferenceButPortsTimesAndDurationsAreNot() {
        ConsoleBlocks md = new ConsoleBlocks(String.join("\n", "text", "```console",
            "$ htmxws send --expect 2 ws://127.0.0.1:8000/chatroom",
            "connected to ws://127.0.0.1:8000/chatroom",
            "#users outerHTML  1 online",
            "ok: swap #status (33 ms)",
            "{\"time\":\"2026-11-21T21:28:19.496415925Z\",\"ms\":32}",
            "htmxws migrate: 1 file read; 0.06 s. Dry run",
            "```", ""));
        Example ex = md.blocks().get(0).examples().get(0);
        assertThat(difference(ex, List.of("connected to ws://127.0.0.1:8000/chatroom", "#users outerHTML  1 online",
            "ok: swap #status (4 ms)", "{\"time\":\"2027-01-02T03:04:05Z\",\"ms\":0}",
            "htmxws migrate: 1 file read; 1.50 s. Dry run")))
            .isNull();
        String diff = difference(ex, List.of("connected to ws://127.0.0.1:8000/chatroom", "#users outerHTML  2 online",
            "ok: swap #status (33 ms)", "{\"time\":\"2026-11-21T21:28:19.496415925Z\",\"ms\":32}",
            "htmxws migrate: 1 file read; 0.06 s. Dry run"));
        assertThat(diff).isEqualTo(
            """
                README.md:3 `$ htmxws send --expect 2 ws://127.0.0.1:8000/chatroom`: the README shows another output than a \
                real run, from its line 5:
                  README:   #users outerHTML  1 online
                  real run: #users outerHTML  2 online
                the real run's whole output:
                  | connected to ws://127.0.0.1:8000/chatroom
                  | #users outerHTML  2 online
                  | ok: swap #status (33 ms)
                  | {"time":"2026-11-21T21:28:19.496415925Z","ms":32}
                  | htmxws migrate: 1 file read; 0.06 s. Dry run""");
        assertThat(difference(ex, List.of("connected to ws://127.0.0.1:8000/chatroom"))).contains("from its line 5:",
            "real run: (nothing more)");
    }

    @Test
    void aRefreshReplacesOnlyTheOutputsThatChanged() {
        String md = String.join("\n", "intro", "<!-- not run: needs a terminal -->", "```console", "$ htmxws connect",
            "htmx2> hi", "```", "", "```console", "$ cat a.txt", "one", "$ htmxws x", "old", "old 2", "$ echo $?",
            "```",
            "```sh", "$ htmxws unseen", "```", "end", "");
        ConsoleBlocks blocks = new ConsoleBlocks(md);
        assertThat(blocks.blocks()).hasSize(2);
        assertThat(blocks.blocks().get(0).notRun()).isEqualTo("needs a terminal");
        assertThat(blocks.untestedExamples()).containsExactly("README.md:17");
        List<Example> ex = blocks.blocks().get(1).examples();
        assertThat(ex).extracting(Example::command).containsExactly("cat a.txt", "htmxws x", "echo $?");
        assertThat(ex.get(2).output()).isEmpty();
        Map<Example, List<String>> outputs = new LinkedHashMap<>();
        outputs.put(ex.get(1), List.of("new"));
        outputs.put(ex.get(2), List.of("1"));
        assertThat(blocks.rewrite(outputs)).isEqualTo(md.replace("old\nold 2\n$ echo $?\n", "new\n$ echo $?\n1\n"));
        assertThatThrownBy(() -> new ConsoleBlocks("```console\nno dollar\n```\n"))
            .isInstanceOf(ConsoleBlocks.Malformed.class)
            .hasMessageContaining("README.md:2");
    }

    @Test
    void commandLinesAreSplitAsAShellWouldOrRefused() {
        ShellLine l = ShellLine
            .parse("HTMXWS_URL=ws://h/x htmxws send --form 'a=b c' --json \"{\\\"k\\\":1}\" x\\ y  # why");
        assertThat(l.env()).containsExactly(Map.entry("HTMXWS_URL", "ws://h/x"));
        assertThat(l.words()).containsExactly("htmxws", "send", "--form", "a=b c", "--json", "{\"k\":1}", "x y");
        assertThat(ShellLine.parse("htmxws connect --format ndjson ws://h/ < chat.htmxws").stdin())
            .isEqualTo("chat.htmxws");
        assertThat(ShellLine.parse("echo $?").args()).containsExactly("$?");
        for (String bad : List.of("htmxws send | head", "htmxws send > out", "echo $HOME", "htmxws send; echo",
            "htmxws listen &", "htmxws migrate *.html", "htmxws send --raw \"$(date)\"", "htmxws send 'open")) {
            assertThatThrownBy(() -> ShellLine.parse(bad)).as(bad).isInstanceOf(ShellLine.Unsupported.class);
        }
    }
}
