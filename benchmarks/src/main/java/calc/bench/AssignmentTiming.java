package calc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How long a KIP-848 consumer group takes to move partitions under a given
 * {@code group.consumer.assignment.interval.ms} (Kafka 4.3, KIP-1263: the broker computes a group's
 * target assignment at most once per interval). One member holds every partition of a topic of
 * its own; a second member joins: the time until it holds a partition ({@code joinMs}) and until
 * the two hold half each ({@code settleMs}); then it leaves: the time until the first holds every
 * partition again ({@code leaveMs}). The interval is set as the cluster-wide broker default for
 * the measurement (it is dynamic) and put back afterwards.
 */
final class AssignmentTiming {
    static final String INTERVAL = "group.consumer.assignment.interval.ms";
    private static final int PARTITIONS = 12;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** The medians and ranges of {@code rounds} joins and leaves. */
    record Timing(int intervalMs, List<Long> joinMs, List<Long> settleMs, List<Long> leaveMs) {
    }

    private final String bootstrap;

    AssignmentTiming(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Standalone: {@code AssignmentTiming BOOTSTRAP ROUNDS INTERVAL_MS...}. */
    public static void main(String[] args) {
        AssignmentTiming timing = new AssignmentTiming(args[0]);
        int rounds = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            System.out.println(timing.measure(Integer.parseInt(args[i]), rounds));
        }
    }

    Timing measure(int intervalMs, int rounds) {
        String topic = "bench.assignment." + intervalMs + "." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            setInterval(admin, String.valueOf(intervalMs));
            try {
                return rounds(topic, intervalMs, rounds);
            } finally {
                setInterval(admin, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not measure the group assignment at " + intervalMs + " ms", e);
        }
    }

    private Timing rounds(String topic, int intervalMs, int rounds) {
        List<Long> join = new ArrayList<>();
        List<Long> settle = new ArrayList<>();
        List<Long> leave = new ArrayList<>();
        String group = topic + ".group";
        try (Member first = new Member(bootstrap, group, topic)) {
            await(() -> first.held() == PARTITIONS, "the first member to hold every partition");
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                try (Member second = new Member(bootstrap, group, topic)) {
                    await(() -> second.held() > 0, "the second member to hold a partition");
                    join.add(millisSince(start));
                    await(() -> second.held() == PARTITIONS / 2 && first.held() == PARTITIONS / 2, "an even split");
                    settle.add(millisSince(start));
                    start = System.nanoTime();
                }
                await(() -> first.held() == PARTITIONS, "the first member to hold every partition again");
                leave.add(millisSince(start));
            }
        }
        return new Timing(intervalMs, join, settle, leave);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        if (!Waiting.until(condition, LIMIT)) {
            throw new IllegalStateException("waited " + LIMIT.toSeconds() + " s for " + what);
        }
    }

    /** Null puts the broker's own default back. */
    private static void setInterval(Admin admin, String value) throws Exception {
        ConfigResource brokers = new ConfigResource(ConfigResource.Type.BROKER, "");
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry(INTERVAL, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(INTERVAL, value), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(brokers, List.of(op))).all().get(30, TimeUnit.SECONDS);
    }

    /** A consumer polling on a thread of its own; {@link #held} is how many partitions it holds now. */
    private static final class Member implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private volatile int held;

        Member(String bootstrap, String group, String topic) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, group,
                    ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            thread = new Thread(() -> poll(topic), "assignment-timing-" + group);
            thread.start();
        }

        private void poll(String topic) {
            consumer.subscribe(Set.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    held = consumer.assignment().size() - partitions.size();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    held = consumer.assignment().size();
                }
            });
            while (running.get()) {
                consumer.poll(Duration.ofMillis(20));
                held = consumer.assignment().size();
            }
            consumer.close();
        }

        int held() {
            return held;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(LIMIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
