package dev.htmxws.cli;

import dev.htmxws.cli.docs.ReleaseDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code htmxws completion SHELL}: the completion script of completions/, generated from the command model. */
@Command(name = "completion", header = "Print the shell completion script for bash, zsh or fish", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Print the shell completion script for bash, zsh or fish (the same as completions/ in the release).",
    "bash: source <(htmxws completion bash) in ~/.bashrc, or save it as",
    "~/.local/share/bash-completion/completions/htmxws.",
    "zsh: source <(htmxws completion zsh) in ~/.zshrc.",
    "fish: htmxws completion fish > ~/.config/fish/completions/htmxws.fish.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:printed",
    "2:usage error (a shell other than bash, zsh or fish)",
}, footerHeading = "%nExamples:%n", footer = {
    "  source <(htmxws completion bash)",
    "  htmxws completion fish > ~/.config/fish/completions/htmxws.fish",
})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "The shell to print the script for.")
    ReleaseDocs.Shell shell;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ReleaseDocs.completion(shell));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
