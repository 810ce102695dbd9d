package dev.htmxws.cli;

import dev.htmxws.migrate.FileOutcome;

/** How a migrate run shows itself: each file as its turn comes, then the summary. */
interface MigrateReport {

    void file(FileOutcome o);

    void end(MigrateTally tally, double seconds);
}
