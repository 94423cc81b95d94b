package calc.aggregator.lag;

import calc.contract.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
        return admin(kafka);
    }

    @Bean(destroyMethod = "close")
    OldestRecords oldestRecords(KafkaConnection kafka) {
        return oldestRecords(kafka, RECORD_READ_TIMEOUT);
    }

    static Admin admin(KafkaConnection kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "result-aggregator-lag");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        return Admin.create(config);
    }

    static OldestRecords oldestRecords(KafkaConnection kafka, Duration readTimeout) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "result-aggregator-lag-records");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A committed offset that retention has deleted: the oldest record left is the oldest unconsumed.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Only the first record of each partition is wanted.
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        return new OldestRecords(consumer, readTimeout);
    }

    @Bean
    LagHistory lagHistory(LagProperties lag) {
        return new LagHistory(lag.history());
    }

    @Bean
    LagEngine lagEngine(Admin lagAdmin, OldestRecords oldestRecords, LagProperties lag, Clock clock,
            LagHistory history, MeterRegistry registry, List<LagListener> others) {
        List<Consumer<LagSnapshot>> listeners = new ArrayList<>();
        listeners.add(history::record);
        listeners.add(new LagMetrics(registry));
        listeners.addAll(others);
        return new LagEngine(new ClusterReader(lagAdmin), oldestRecords, lag, clock, listeners);
    }

    @Bean
    LagRefresher lagRefresher(LagEngine engine) {
        return new LagRefresher(engine);
    }
}
