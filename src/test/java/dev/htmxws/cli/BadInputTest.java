package dev.htmxws.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one row each, through {@link Main#run}: the exact first line of standard error, the documented exit
 * code, nothing on standard output, and no connection tried: the rows whose URL is fine point at {@link #DOOR}, and
 * the first connection it accepts after a run must be the test's own probe.
 */
class BadInputTest {

    private static final ServerSocket DOOR = open();
    private static final String URL = "ws://127.0.0.1:" + DOOR.getLocalPort() + "/";

    @TempDir
    static Path dir;

    static Stream<Arguments> rows() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("scripts"));
        List<Arguments> rows = new ArrayList<>();
        rows.add(row(2, "htmxws send: 'ws://127.0.0.1:43791/chat room' is not a valid URL (illegal character in path"
            + " at character 26); write a space as %20 (see 'htmxws send --help')",
            "send", "--raw", "x", "ws://127.0.0.1:43791/chat room"));
        rows.add(row(2, "htmxws send: 'ws://' is not a valid URL (expected authority at character 6) (see 'htmxws send"
            + " --help')", "send", "--raw", "x", "ws://"));
        rows.add(row(2, "htmxws send: 'ws://127.0.0.1:99999/': port 99999 is out of range (1-65535) (see 'htmxws send"
            + " --help')", "send", "--raw", "x", "ws://127.0.0.1:99999/"));
        rows.add(row(2, "htmxws send: 'ws://127.0.0.1:0/': port 0 is out of range (1-65535) (see 'htmxws send --help')",
            "send", "--raw", "x", "ws://127.0.0.1:0/"));
        rows.add(row(2, "htmxws send: 'http://:80/x' names no host; e.g. ws://127.0.0.1:8000/chatroom (see 'htmxws"
            + " send --help')", "send", "--raw", "x", "http://:80/x"));
        rows.add(row(2, "htmxws listen: 'ws://h/a b' is not a valid URL (illegal character in path at character 9);"
            + " write a space as %20 (see 'htmxws listen --help')", "listen", "ws://h/a b"));
        rows.add(row(2, "htmxws listen: 'http://a b/' is not a valid URL (illegal character in authority at character"
            + " 8); write a space as %20 (see 'htmxws listen --help')", "listen", "--page", "http://a b/"));
        rows.add(row(2, "htmxws connect: 'wss://' is not a valid URL (expected authority at character 7) (see"
            + " 'htmxws connect --help')", "connect", "--script", "/dev/null", "wss://"));
        rows.add(row(2, "htmxws connect: --script " + folder + ": a folder, not a script (see 'htmxws connect --help')",
            "connect", "--script", folder.toString(), URL));
        rows.add(row(2, "htmxws connect: --script " + dir.resolve("none.htmxws") + ": no such file (see 'htmxws connect"
            + " --help')", "connect", "--script", dir.resolve("none.htmxws").toString(), URL));
        rows.add(row(2, "htmxws send: 'ftp://x/' is not a ws://, wss://, http:// or https:// URL (see 'htmxws send"
            + " --help')", "send", "--raw", "x", "ftp://x/"));
        rows.add(row(2, "htmxws: unknown command: 'sned'; did you mean send? (see 'htmxws --help')",
            "sned", "--raw", "hi", URL));
        rows.add(row(2, "htmxws listen: invalid value for option '--timeout': '5x' is not a duration (write e.g. 500ms,"
            + " 5s, 2m) (see 'htmxws listen --help')", "listen", "--timeout", "5x", URL));
        rows.add(row(2, "htmxws send: unknown option: '--frm'; did you mean --form? (see 'htmxws send --help')",
            "send", "--frm", "x", URL));
        return rows.stream();
    }

    private static Arguments row(int code, String firstLine, String... args) {
        return Arguments.of(String.join(" ", args), code, firstLine, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void oneLineAndADocumentedExitCode(String name, int code, String firstLine, String[] args) throws IOException {
        CliResult r = CliResult.run(args);
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err().lines().findFirst().orElse("")).as(r.toString()).isEqualTo(firstLine);
        assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.out()).as("nothing on standard output").isEmpty();
        try (Socket probe = new Socket("127.0.0.1", DOOR.getLocalPort()); Socket first = DOOR.accept()) {
            assertThat(first.getPort()).as("the first connection after the run is the probe: htmxws made none")
                .isEqualTo(probe.getLocalPort());
        }
    }

    @AfterAll
    static void close() throws IOException {
        DOOR.close();
    }

    private static ServerSocket open() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
