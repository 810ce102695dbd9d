package dev.htmxws.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Ctrl-C can reach a process this JVM starts. A shell without job control starts a background command
 * with SIGINT ignored, every process below it inherits that, and the JVM then installs no handler: a test that
 * sends SIGINT to a child would fail for a reason that is not htmxws's.
 */
public final class Signals {

    public static final String SIGINT_IGNORED = "SIGINT is ignored in this environment (started in the background by"
        + " a shell without job control), so Ctrl-C cannot reach a child process";

    private Signals() {
    }

    /** True when this process ignores SIGINT (its children inherit that); false where it cannot be told. */
    public static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return new BigInteger(line.substring(7).trim(), 16).testBit(1); // bit 1: signal 2, SIGINT
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
