package dev.htmxws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers the README promises, checked on the compiled classes: the protocol core and the libraries under the
 * commands know nothing of the command line or the terminal, and the command line is used by nothing below it. The
 * sources are read too, since javac inlines constants (an exit code taken from {@code cli.ExitCode} leaves no trace
 * in the class file).
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.htmxws");
    }

    @Test
    void theLibrariesKnowNothingOfTheCommandLineOrTheTerminal() {
        noClasses().that().resideInAnyPackage("dev.htmxws.protocol..", "dev.htmxws.dom..", "dev.htmxws.migrate..",
            "dev.htmxws.net..", "dev.htmxws.sse..", "dev.htmxws.server..", "dev.htmxws.client..", "dev.htmxws.script..",
            "dev.htmxws.output..", "dev.htmxws.text..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.htmxws.cli..", "dev.htmxws.shell..", "picocli..",
                "org.jline..")
            .check(classes);
    }

    @Test
    void noSourceBelowTheCommandLineNamesIt() throws IOException {
        Pattern names = Pattern.compile("\\b(dev\\.htmxws\\.(cli|shell)\\.|picocli\\.|org\\.jline\\.)");
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/htmxws"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = Path.of("src/main/java/dev/htmxws").relativize(f).getName(0).toString();
                if (pkg.equals("cli") || pkg.equals("shell")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (names.matcher(lines.get(i)).find()) {
                        offending.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        // the shell may use JLine, never the command line
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/htmxws/shell"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains("dev.htmxws.cli.") || lines.get(i).contains("picocli.")) {
                        offending.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offending).as("lines below the command line that name it").isEmpty();
    }

    @Test
    void theCommandLineIsUsedByNothingBelowIt() {
        noClasses().that().resideOutsideOfPackage("dev.htmxws.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.htmxws.cli..", "picocli..")
            .check(classes);
    }

    @Test
    void theProtocolCoreIsSansIo() {
        noClasses().that().resideInAnyPackage("dev.htmxws.protocol..", "dev.htmxws.dom..", "dev.htmxws.sse..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.htmxws.net..", "dev.htmxws.client..",
                "dev.htmxws.script..", "dev.htmxws.server..", "dev.htmxws.migrate..", "org.java_websocket..")
            .check(classes);
    }
}
