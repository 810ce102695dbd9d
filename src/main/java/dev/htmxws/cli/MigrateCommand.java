package dev.htmxws.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code htmxws migrate}: the picocli surface; the work is done by {@link MigrateRunner}. */
@Command(name = "migrate", header = "Rewrite legacy hx-ws / hx-sse attributes for htmx 2 or 4", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
    "Rewrite legacy htmx 1 hx-ws / hx-sse attributes (and, with --to 4, htmx 2 ws-*/sse-* ones) in templates.",
    "Byte-exact outside the rewritten attributes; what cannot be rewritten with certainty is reported, never guessed.",
    "Default: a dry run that prints a unified diff on stdout and the findings on stderr.",
}, exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    "0:done, nothing to do",
    "1:--check found work, or an error-level finding",
    "2:usage error",
    "3:a file could not be read, decoded or written (the others are still processed)",
}, footerHeading = "%nExamples:%n", footer = {
    "  htmxws migrate templates/                 show the diff, write nothing",
    "  htmxws migrate --write templates/         apply it",
    "  htmxws migrate --check templates/         in CI: exit 1 while anything is left to migrate",
    "  htmxws migrate --to 4 --format json app/  htmx 4 attributes, findings as JSON",
})
public final class MigrateCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders (searched recursively for template files).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--to", paramLabel = "2|4", defaultValue = "2", completionCandidates = VersionCandidates.MigrateTargets.class, description = "htmx major version to migrate to: 2 (ws/sse extensions) or 4. Default: ${DEFAULT-VALUE}.")
    String to;

    @Option(names = "--write", description = "Apply the changes in place (atomically, keeping file permissions).")
    boolean write;

    @Option(names = "--check", description = "Write nothing; exit 1 when anything would change or an error is found.")
    boolean check;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output: text (diff on stdout, findings on stderr) or json (everything on stdout). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--include", paramLabel = "GLOB", description = "Also read files matching GLOB in folders (repeatable), e.g. '*.txt'.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip files and folders matching GLOB (repeatable), e.g. 'legacy/**'.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--charset", paramLabel = "NAME", defaultValue = "UTF-8", description = "Encoding of files without a byte-order mark. Default: ${DEFAULT-VALUE}.")
    String charset;

    @Option(names = "--max-size", paramLabel = "SIZE", defaultValue = "64M", description = "Refuse files larger than SIZE (bytes, or with K, M, G). Default: ${DEFAULT-VALUE}.")
    String maxSize;

    @Option(names = {"-j",
        "--jobs"}, paramLabel = "N", description = "Files processed in parallel. Default: the number of cores.")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        if (write && check) {
            throw new UsageException("--write and --check exclude each other: --check never writes");
        }
        MigrateRunner.Settings s = new MigrateRunner.Settings(paths, target(), write, check, format == Format.json,
            includes, excludes, charset(), size(), jobs == null ? Runtime.getRuntime().availableProcessors() : jobs);
        for (java.nio.file.Path p : paths) { // a path that is not there is a typo: said before any file is read
            if (!java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new UsageException(p + ": no such file or folder");
            }
        }
        return new MigrateRunner(s, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
    }

    private dev.htmxws.migrate.Target target() {
        dev.htmxws.migrate.Target t = dev.htmxws.migrate.Target.parse(to);
        if (t == null) {
            throw new UsageException("--to takes 2 or 4 (the htmx major version to migrate to), not '" + to + "'");
        }
        return t;
    }

    private Charset charset() {
        try {
            return Charset.forName(charset);
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                "--charset: unknown charset '" + charset + "' (try UTF-8, ISO-8859-1, windows-1252)");
        }
    }

    private long size() {
        String s = maxSize.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("K")) {
            unit = 1L << 10;
        } else if (s.endsWith("M")) {
            unit = 1L << 20;
        } else if (s.endsWith("G")) {
            unit = 1L << 30;
        }
        if (unit > 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new UsageException("--max-size: '" + maxSize + "' is not a size (write e.g. 64M, 500K or 1048576)");
        }
    }
}
