package dev.htmxws.cli;

import java.util.function.IntSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** How wide the terminal that shows htmxws's output is, so that text lines fit it. */
final class TerminalWidth {

    private TerminalWidth() {
    }

    /**
     * The width of the terminal stdout is on, read once when first asked: {@code COLUMNS} if set, else what the
     * terminal says; 0 (unknown) when stdout is not a terminal, so that piped text does not depend on who ran it.
     */
    static IntSupplier ofStdout() {
        int[] width = {-1};
        return () -> {
            if (width[0] < 0) {
                width[0] = ConnectRunner.stdinIsTerminal() ? measure() : 0;
            }
            return width[0];
        };
    }

    private static int measure() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[1-9][0-9]{0,4}")) {
            return Integer.parseInt(columns);
        }
        // exec (stty): no native code, so no JDK warning about it for a mere width; dumb(true): where no system
        // terminal can be had, a dumb one (width 0) and no warning
        try (Terminal t = TerminalBuilder.builder().system(true).providers("exec").dumb(true).build()) {
            return Math.max(0, t.getWidth());
        } catch (Exception | LinkageError e) {
            return 0;
        }
    }
}
