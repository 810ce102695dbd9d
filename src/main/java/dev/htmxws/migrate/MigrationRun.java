package dev.htmxws.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Migrates a list of files on all cores and hands the outcomes to the caller one by one, in the list's
 * order, so that output stays deterministic while work runs in parallel.
 */
public final class MigrationRun {

    private final FileMigrator migrator;
    private final int threads;

    public MigrationRun(FileMigrator migrator, int threads) {
        this.migrator = migrator;
        this.threads = Math.max(1, threads);
    }

    /**
     * @param sink receives every outcome, in the order of {@code entries}, on the calling thread
     */
    public void run(List<TemplateFinder.Entry> entries, Consumer<FileOutcome> sink) throws InterruptedException {
        if (threads == 1 || entries.size() < 2) {
            for (TemplateFinder.Entry e : entries) {
                sink.accept(one(e));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "htmxws-migrate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<FileOutcome>> futures = new ArrayList<>(entries.size());
            for (TemplateFinder.Entry e : entries) {
                futures.add(CompletableFuture.supplyAsync(() -> one(e), pool));
            }
            for (CompletableFuture<FileOutcome> f : futures) {
                try {
                    sink.accept(f.get());
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private FileOutcome one(TemplateFinder.Entry e) {
        if (e.problem() != null) {
            return e.problem().level() == Level.ERROR ? FileOutcome.failed(e.path(), e.problem())
                : FileOutcome.notATemplate(e.path(), e.problem());
        }
        return migrator.migrate(e.path(), e.explicit());
    }
}
