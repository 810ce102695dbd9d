package dev.htmxws.shell;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the shell keeps its history: {@code $XDG_STATE_HOME/htmxws/history}, or
 * {@code ~/.local/state/htmxws/history} when that variable is unset or not an absolute path (as the XDG
 * base directory rule says). The system property {@value #PROPERTY} stands in for {@code XDG_STATE_HOME}
 * (tests use it); this is the only place either is read.
 */
public final class HistoryLocation {

    public static final String PROPERTY = "htmxws.state.home";

    private HistoryLocation() {
    }

    public static Path file(UnaryOperator<String> env) {
        String state = System.getProperty(PROPERTY);
        if (state == null || state.isBlank()) {
            state = env.apply("XDG_STATE_HOME");
        }
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute() ? Path.of(state)
            : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("htmxws").resolve("history");
    }
}
