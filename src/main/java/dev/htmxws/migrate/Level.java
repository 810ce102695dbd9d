package dev.htmxws.migrate;

import java.util.Locale;

/** How serious a finding is: errors leave an attribute untouched and fail the run. */
public enum Level {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
