package org.excerptbot.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.excerptbot.app.config.Setting;
import org.excerptbot.core.corpus.Corpus;
import org.excerptbot.core.corpus.CorpusLoader;
import org.excerptbot.core.store.Database;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that does not depend on the command line: Logback's configuration, the corpus parse and loading the
 * embedded database's classes. {@link #begin()} starts them on their own threads before picocli parses the
 * arguments, so that they use the second core meanwhile; whoever needs one waits for it. Without {@code begin()}
 * the first two start on first use.
 */
final class Startup {
    private Startup() {}

    /**
     * Starts initialising logging, parsing the corpus and, unless the environment names another database, loading
     * the embedded database's engine, each on its own thread.
     */
    static void begin() {
        Logging.READY.getClass();
        PackagedCorpus.CORPUS.getClass();
        String dbUrl = System.getenv(Setting.DB_URL.env());
        if (dbUrl == null || dbUrl.isBlank() || dbUrl.startsWith("jdbc:h2:")) {
            thread("database-warm-up").execute(Database::warmUpEmbedded);
        }
    }

    /** The packaged corpus, parsed once per process. */
    static Corpus corpus() {
        return join(PackagedCorpus.CORPUS);
    }

    /** Waits until Logback is configured. */
    static void awaitLogging() {
        join(Logging.READY);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    /** An executor that runs each task on a new daemon thread with this name. */
    static Executor thread(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private static final class PackagedCorpus {
        static final CompletableFuture<Corpus> CORPUS =
                CompletableFuture.supplyAsync(CorpusLoader::loadPackaged, thread("corpus-load"));
    }

    private static final class Logging {
        static final CompletableFuture<Void> READY =
                CompletableFuture.runAsync(LoggerFactory::getILoggerFactory, thread("logging-init"));
    }
}
