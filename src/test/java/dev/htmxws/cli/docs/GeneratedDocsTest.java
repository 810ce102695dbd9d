package dev.htmxws.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code completions/} and {@code man/} are what {@link ReleaseDocs} generates from the current
 * command model: the build fails, naming the stale file, when a command changed without them.
 * {@code -Dhtmxws.docs.write=true} writes them instead (see {@link ReleaseDocs#REFRESH}).
 */
class GeneratedDocsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void committedCompletionsAndManPagesAreUpToDate() throws IOException {
        Map<String, String> generated = ReleaseDocs.generate();
        List<String> leftOver = leftOver(generated);
        if (Boolean.getBoolean("htmxws.docs.write")) {
            for (String changed : ReleaseDocs.write(ROOT)) {
                System.out.println("wrote " + changed);
            }
            for (String old : leftOver) {
                Files.delete(ROOT.resolve(old));
                System.out.println("deleted " + old);
            }
            return;
        }
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path p = ROOT.resolve(e.getKey());
            String committed = Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
            if (!e.getValue().equals(committed)) {
                fail(e.getKey() + (committed == null ? " is missing" : " is stale") + "; regenerate with: "
                    + ReleaseDocs.REFRESH);
            }
        }
        if (!leftOver.isEmpty()) {
            fail(leftOver.get(0) + " is not generated any more; delete it, or run: " + ReleaseDocs.REFRESH);
        }
    }

    @Test
    void everyCommandButHelpHasAManPageThatNamesItsOptionsAndExitCodes() {
        Map<String, String> files = ReleaseDocs.generate();
        assertThat(files.keySet())
            .contains("man/htmxws.1", "man/htmxws-demo.1", "man/htmxws-connect.1", "man/htmxws-send.1",
                "man/htmxws-listen.1", "man/htmxws-migrate.1", "man/htmxws-serve.1", "man/htmxws-completion.1")
            .doesNotContain("man/htmxws-help.1");
        String send = files.get("man/htmxws-send.1");
        assertThat(send).startsWith(".\\\"").contains(".TH HTMXWS\\-SEND 1 ",
            ".SH NAME\nhtmxws\\-send \\- Send a message",
            ".SH SYNOPSIS\n\\fBhtmxws send\\fR [\\fIOPTIONS\\fR] [\\fIURL\\fR]", ".SH OPTIONS",
            "\\fB\\-\\-form\\fR=\\fINAME=VALUE\\fR",
            ".SH EXIT STATUS\n.TP\n\\fB0\\fR\n", "\\fB130\\fR", ".SH EXAMPLES", ".SH SEE ALSO\n\\fBhtmxws\\fR(1)\n",
            "Default: 5s.");
        assertThat(files.get("man/htmxws.1")).contains(".SH COMMANDS", "\\fBhtmxws\\-send\\fR(1)", "\\fB70\\fR");
        for (Map.Entry<String, String> e : files.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).endsWith("\n").doesNotContain("\r");
            if (e.getKey().startsWith("man/")) {
                assertThat(e.getValue()).as(e.getKey()).doesNotContain("${", "%n");
                assertThat(e.getValue().chars().allMatch(c -> c < 127))
                    .as("%s is ASCII (non-ASCII as \\[uXXXX])", e.getKey())
                    .isTrue();
            }
        }
    }

    @Test
    void fishScriptHasTheCommandsOptionsValuesAndFiles() {
        String fish = ReleaseDocs.generate().get("completions/htmxws.fish");
        assertThat(fish)
            .contains(
                "complete -c htmxws -n __fish_use_subcommand -a 'send' -d 'Send a message as htmx would, then wait for the replies'\n")
            .contains(
                "complete -c htmxws -n '__fish_seen_subcommand_from send' -l format -x -a 'text html raw ndjson' -d ")
            .contains("complete -c htmxws -n '__fish_seen_subcommand_from send' -l htmx -x -a '1 2 4' -d ")
            .contains("complete -c htmxws -n '__fish_seen_subcommand_from migrate' -l to -x -a '2 4' -d ")
            .contains("complete -c htmxws -n '__fish_seen_subcommand_from connect' -l script -r -F -d ")
            .contains("complete -c htmxws -n '__fish_seen_subcommand_from send' -s k -l insecure -d ")
            .contains("complete -c htmxws -n '__fish_seen_subcommand_from migrate' -F\n")
            .contains("complete -c htmxws -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
            .contains("-d 'No page: the send element\\'s id (HX-Trigger)'");
    }

    /** Files in completions/ and man/ that the generator does not make (a removed command's page). */
    private static List<String> leftOver(Map<String, String> generated) throws IOException {
        List<String> old = new ArrayList<>();
        for (String dir : List.of("completions", "man")) {
            Path d = ROOT.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.map(p -> dir + "/" + p.getFileName()).filter(p -> !generated.containsKey(p)).sorted()
                    .forEach(old::add);
            }
        }
        return old;
    }
}
