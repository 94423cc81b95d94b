package calc.aggregator.lag;

import calc.aggregator.events.EventLog;
import calc.aggregator.events.MembershipWatcher;
import calc.contract.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the lag engine, its Kafka clients, its listeners and the background refresher. */
@Configuration(proxyBeanMethods = false)
public class LagConfiguration {
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECORD_READ_TIMEOUT = Duration.ofSeconds(3);

    @Bean(destroyMethod = "close")
    Admin lagAdmin(KafkaConnection kafka) {
        return admin(kafka.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    OldestRecords oldestRecords(KafkaConnection kafka) {
        return oldestRecords(kafka.bootstrapServers());
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "result-aggregator-lag",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis()));
    }

    static OldestRecords oldestRecords(String bootstrapServers) {
        return oldestRecords(bootstrapServers, RECORD_READ_TIMEOUT);
    }

    static OldestRecords oldestRecords(String bootstrapServers, Duration readTimeout) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "result-aggregator-lag-records",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // A committed offset that retention has deleted: the oldest record left is the oldest unconsumed.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Only the first record of each partition is wanted.
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new OldestRecords(consumer, readTimeout);
    }

    @Bean
    LagHistory lagHistory(LagProperties lag) {
        return new LagHistory(lag.history());
    }

    @Bean
    EventLog eventLog() {
        return new EventLog(200);
    }

    @Bean
    LagEngine lagEngine(Admin lagAdmin, OldestRecords oldestRecords, LagProperties lag, Clock clock,
            LagHistory history, EventLog events, MeterRegistry registry) {
        return new LagEngine(new ClusterReader(lagAdmin), oldestRecords, lag, clock,
                List.of(history::record, new LagMetrics(registry), new MembershipWatcher(events)));
    }

    @Bean
    LagRefresher lagRefresher(LagEngine engine) {
        return new LagRefresher(engine);
    }
}
