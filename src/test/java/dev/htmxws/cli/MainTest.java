package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionPrintsTheVersionOnStdout() {
        CliResult r = CliResult.run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("htmxws ").contains("Java ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliResult r = CliResult.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("migrate").contains("Exit codes:").contains("130").contains("3 ");
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        CliResult r = CliResult.run("help", "migrate");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--check").contains("--write").contains("--to");
        assertThat(CliResult.run("migrate", "--help").out()).isEqualTo(r.out());
    }

    @Test
    void noCommandIsAUsageError() {
        CliResult r = CliResult.run();
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("a command is required");
    }

    @Test
    void unknownOptionIsOneLineWithExitTwoAndNoStackTrace() {
        CliResult r = CliResult.run("migrate", "--frobnicate", "x");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--frobnicate").contains("htmxws migrate --help").doesNotContain("\tat ");
    }

    @Test
    void typosNameOnlyWhatIsWrongAndSuggestTheNearestName() {
        assertThat(CliResult.run("send", "--frm", "x", "ws://127.0.0.1:9/").err().strip())
            .isEqualTo("htmxws send: error: unknown option: '--frm'; did you mean --form? (see 'htmxws send --help')");
        assertThat(CliResult.run("listen", "--formt", "raw", "--bogus", "ws://h/").err())
            .contains("unknown options: '--formt', '--bogus'; did you mean --format?").doesNotContain("ws://h/");
        CliResult command = CliResult.run("conect", "ws://h/");
        assertThat(command.code()).isEqualTo(ExitCode.USAGE);
        assertThat(command.err()).contains("htmxws: error: unknown command: 'conect'; did you mean connect?");
        assertThat(CliResult.run("frobnicate").err()).contains("unknown command: 'frobnicate' (see")
            .doesNotContain("did you mean");
        CliResult misspelt = CliResult.run("sned", "--raw", "hi", "ws://127.0.0.1:1/");
        assertThat(misspelt.code()).isEqualTo(ExitCode.USAGE);
        assertThat(misspelt.err()).as("the command is named, not its option")
            .contains("unknown command: 'sned'; did you mean send?").doesNotContain("--raw");
        assertThat(CliResult.run("send", "ws://a/", "ws://b/").err()).contains("unexpected argument: 'ws://b/'");
    }

    @Test
    void semanticUsageErrorsNameTheInput() {
        assertThat(CliResult.run("migrate", "--to", "3", "x").err()).contains("--to takes 2 or 4").contains("'3'");
        assertThat(CliResult.run("migrate", "--charset", "nope-42", "x").err()).contains("unknown charset 'nope-42'");
        assertThat(CliResult.run("migrate", "--max-size", "lots", "x").err()).contains("'lots' is not a size");
        CliResult both = CliResult.run("migrate", "--write", "--check", "x");
        assertThat(both.code()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--write and --check");
    }

    @Test
    void verboseShowsTheStackTraceOfAUsageError() {
        CliResult r = CliResult.run("--verbose", "migrate", "--to", "9", "x");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("UsageException").contains("\tat ");
    }
}
