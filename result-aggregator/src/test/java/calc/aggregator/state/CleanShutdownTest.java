package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanShutdownTest {
    @TempDir
    Path stateDir;

    @Test
    void aFirstStartHasNothingToRebuild() throws Exception {
        // Given a state folder with only the application's own files, as Kafka Streams leaves it before its first start
        Path application = Files.createDirectories(stateDir.resolve("result-aggregator"));
        Files.writeString(application.resolve("kafka-streams-process-metadata"), "{}");

        // Then
        assertThat(new CleanShutdown(stateDir, application).stateNeedsRebuilding()).isFalse();
    }

    @Test
    void taskStateLeftByARunThatDidNotCloseCleanlyIsRebuiltAndAfterACleanCloseIsNot() throws Exception {
        // Given a run that started and left task state behind
        Path application = stateDir.resolve("result-aggregator");
        CleanShutdown shutdown = new CleanShutdown(stateDir, application);
        shutdown.running();
        Files.createDirectories(application.resolve("0_3/rocksdb"));

        // When it was killed, the next start rebuilds; when it closed cleanly, it does not
        assertThat(new CleanShutdown(stateDir, application).stateNeedsRebuilding()).isTrue();
        shutdown.closedCleanly();
        assertThat(new CleanShutdown(stateDir, application).stateNeedsRebuilding()).isFalse();
        shutdown.running();
        assertThat(new CleanShutdown(stateDir, application).stateNeedsRebuilding()).isTrue();
    }
}
