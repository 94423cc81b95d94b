package calc.add;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Operation;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.worker.testkit.HostileRecords;
import calc.worker.testkit.HostileRecords.Hostile;
import calc.worker.testkit.HostileRun;
import calc.worker.testkit.KafkaTestKit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fuzz run over the add topic: every hostile record ends as a result or a dead letter and the
 * books balance, as for multiply. A failure names its seed; replay it with {@code -Dcalc.hostile.seed=N}.
 */
class HostileInputIT {
    @TempDir
    Path state;

    @Test
    void everyHostileRecordEndsAsAResultOrADeadLetterAndTheBooksBalance() {
        // Given an add-worker on a real broker, and hostile records of every kind
        long seed = Long.getLong("calc.hostile.seed", ThreadLocalRandom.current().nextLong());
        HostileRecords hostile = new HostileRecords(seed, "add");
        List<Hostile> sent = new ArrayList<>(hostile.generate(2_000));
        sent.add(hostile.large(1_000_000, true));
        sent.add(hostile.large(1_048_400, false));
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
                ConfigurableApplicationContext worker = new SpringApplicationBuilder(AddWorkerApplication.class).run(
                        "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--calc.worker.instance-id=add-hostile", "--server.port=0")) {
            // When they are published to the add topic
            String books = HostileRun.publishAndBalance(new KafkaTestKit(kafka.bootstrapServers()), Topics.defaults(),
                    Operation.ADD, "add-worker", sent, seed);

            // Then the books balance (asserted there) and the worker still runs
            System.out.println(books);
            assertThat(worker.isRunning()).isTrue();
        }
    }
}
