package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code htmxws completion SHELL} prints the committed script, and the shells themselves load it: bash and zsh
 * complete {@code htmxws se} to send and serve, fish accepts its script's syntax. A shell that is not installed
 * skips its test.
 */
class CompletionCommandTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh", "fish"})
    void printsTheCommittedScript(String shell) throws IOException {
        CliResult r = CliResult.run("completion", shell);
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        String file = shell.equals("fish") ? "htmxws.fish" : "htmxws." + shell;
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("completions", file), StandardCharsets.UTF_8));
    }

    @Test
    void anotherShellIsAOneLineUsageError() {
        CliResult r = CliResult.run("completion", "tcsh");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("htmxws completion: ").contains("'tcsh'", "bash, zsh, fish")
            .doesNotContain("\tat ");

        CliResult none = CliResult.run("completion");
        assertThat(none.code()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err().strip().lines()).hasSize(1);
        assertThat(none.err()).contains("SHELL");
    }

    @Test
    void helpSaysHowToInstall() {
        CliResult r = CliResult.run("completion", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("SHELL", "bash", "~/.config/fish/completions/htmxws.fish", "Exit codes:");
        assertThat(CliResult.run("--help").out()).contains("completion");
    }

    @Test
    void bashLoadsTheScriptAndCompletesCommandsOptionsAndValues() throws Exception {
        Path bash = find("bash");
        assumeTrue(bash != null, "bash is not installed");
        Path script = write("htmxws.bash", CliResult.run("completion", "bash").out());
        Run r = run(List.of(bash.toString(), "--norc", "--noprofile", "-c", """
            source "$1" || exit 9
            complete -p htmxws
            comp() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                     COMPREPLY=(); _complete_htmxws 2>/dev/null; echo "$*|${COMPREPLY[*]}"; }
            comp htmxws se
            comp htmxws send --fo
            comp htmxws send --format ''
            comp htmxws completion ''
            comp htmxws send --htmx ''
            comp htmxws listen --htmx ''
            comp htmxws connect --htmx ''
            comp htmxws migrate --to ''
            """, "bash", script.toString()));
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("complete -o default -F _complete_htmxws htmxws")
            .contains("htmxws se|send serve\n")
            .contains("htmxws send --fo|--form --form-selector --format\n")
            .contains("htmxws send --format |text html raw ndjson\n")
            .contains("htmxws completion |bash zsh fish\n")
            .contains("htmxws send --htmx |1 2 4\n", "htmxws listen --htmx |1 2 4\n", "htmxws connect --htmx |1 2 4\n")
            .contains("htmxws migrate --to |2 4\n");
    }

    @Test
    void zshLoadsTheScriptThroughBashcompinit() throws Exception {
        Path zsh = find("zsh");
        assumeTrue(zsh != null, "zsh is not installed: the zsh script is not checked");
        Path script = write("htmxws.zsh", CliResult.run("completion", "zsh").out());
        // zsh filters the candidates by the word itself; the function offers all of them
        Run r = run(List.of(zsh.toString(), "-f", "-c",
            """
                autoload -U +X compinit && compinit -u -d "$2"
                source "$1" || exit 9
                print -r -- "registered: ${_comps[htmxws]}"
                comp() { emulate -L sh; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                         COMPREPLY=(); _complete_htmxws 2>/dev/null; echo "$*|${COMPREPLY[*]}"; }
                comp htmxws se
                comp htmxws send --format ''
                comp htmxws send --htmx ''
                comp htmxws migrate --to ''
                """,
            "zsh", script.toString(), tmp.resolve("zcompdump").toString()));
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("registered: _bash_complete -F _complete_htmxws")
            .containsPattern("htmxws se\\|.*\\bsend\\b.*\\bserve\\b")
            .contains("htmxws send --format |text html raw ndjson\n")
            .contains("htmxws send --htmx |1 2 4\n", "htmxws migrate --to |2 4\n");
    }

    @Test
    void fishAcceptsTheScriptAndCompletesFromIt() throws Exception {
        Path fish = find("fish");
        assumeTrue(fish != null, "fish is not installed: the fish script is not checked");
        Path script = write("htmxws.fish", CliResult.run("completion", "fish").out());
        Run syntax = run(List.of(fish.toString(), "--no-config", "-n", script.toString()));
        assertThat(syntax.code).as(syntax.toString()).isZero();
        Run r = run(List.of(fish.toString(), "--no-config", "-c", "source $argv[1]; complete -C 'htmxws se'; "
            + "complete -C 'htmxws send --format '; echo '=='; complete -C 'htmxws listen --htmx '; echo '=='; "
            + "complete -C 'htmxws migrate --to '", script.toString()));
        assertThat(r.code).as(r.toString()).isZero();
        assertThat(r.out).contains("send\tSend a message as htmx would, then wait for the replies\n", "serve\t",
            "ndjson\t");
        String[] parts = r.out.split("==\n");
        assertThat(parts).hasSize(3);
        assertThat(parts[1].lines().map(l -> l.split("\t")[0])).containsExactly("1", "2", "4");
        assertThat(parts[2].lines().map(l -> l.split("\t")[0])).containsExactly("2", "4");
    }

    // ------------------------------------------------------------------------------------------------

    record Run(int code, String out, String err) {
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Path find(String shell) {
        return Stream.of("/bin/", "/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/")
            .map(d -> Path.of(d + shell)).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private Run run(List<String> cmd) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", tmp.toString()); // no user's rc files or fish history
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " did not finish within 30 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }
}
