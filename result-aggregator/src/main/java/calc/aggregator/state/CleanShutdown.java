package calc.aggregator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the last run closed Kafka Streams cleanly, kept as a file in the state folder while
 * nothing runs. A run that did not (killed, crashed) must not reopen its local stores: under
 * exactly-once, Kafka Streams 4.1 keeps the checkpoint it wrote when restoration completed
 * (KAFKA-20685) and reopens RocksDB from it after a crash, with writes of the aborted transaction
 * that RocksDB had already flushed to disk; records processed again then meet their own effects,
 * and answers are counted as duplicates while their requests go uncounted. Such a run starts from
 * an empty local state instead, restored from the changelogs, which hold committed data only.
 */
final class CleanShutdown {
    private final Path stateDir;
    private final Path applicationDir;
    private final Path marker;

    /** @param applicationDir where Kafka Streams keeps the application's tasks, inside {@code stateDir} */
    CleanShutdown(Path stateDir, Path applicationDir) {
        this.stateDir = stateDir;
        this.applicationDir = applicationDir;
        this.marker = stateDir.resolve("calc-closed-cleanly");
    }

    /** True when task state is there that a clean close did not leave behind. */
    boolean stateNeedsRebuilding() {
        return !Files.exists(marker) && hasState();
    }

    /** Called at start: from now on, until {@link #closedCleanly()}, the state counts as unclean. */
    void running() {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + marker, e);
        }
    }

    void closedCleanly() {
        try {
            Files.createDirectories(stateDir);
            Files.writeString(marker, "Kafka Streams closed cleanly; its local state may be reopened\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /** A task's state is a folder of its own; the application folder's files are not state. */
    private boolean hasState() {
        if (!Files.isDirectory(applicationDir)) {
            return false;
        }
        try (var entries = Files.list(applicationDir)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + applicationDir, e);
        }
    }
}
