package dev.htmxws.cli;

import dev.htmxws.migrate.Target;
import dev.htmxws.protocol.Dialect;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Completion candidates for the htmx version options, taken from the enums that parse them: the shells offer exactly
 * the numbers the commands accept (picocli puts only the candidates of an option into its completion script).
 */
final class VersionCandidates {

    private VersionCandidates() {
    }

    /** {@code --htmx 1|2|4}. */
    static final class Dialects implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Dialect.values()).map(d -> Integer.toString(d.number())).iterator();
        }
    }

    /** {@code migrate --to 2|4}. */
    static final class MigrateTargets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Target.values()).map(t -> Integer.toString(t.number())).iterator();
        }
    }
}
