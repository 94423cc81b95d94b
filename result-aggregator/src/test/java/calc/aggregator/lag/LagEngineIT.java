package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import calc.aggregator.lag.GroupLag.Member;
import calc.aggregator.lag.GroupLag.PartitionRef;
import calc.aggregator.lag.LagProperties.OffsetReset;
import calc.contract.KafkaConnection;
import calc.localkafka.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lag engine against a real broker: offsets, time lag, statuses and members, checked against Kafka's own tool. */
class LagEngineIT {
    private static final Instant START = Instant.now();

    @TempDir
    static Path dir;
    static LocalKafka kafka;
    static Admin admin;
    static KafkaProducer<byte[], byte[]> producer;
    static final List<OldestRecords> readers = new ArrayList<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka"));
        admin = LagConfiguration.admin(KafkaConnection.of(kafka.bootstrapServers()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        readers.forEach(OldestRecords::close);
        producer.close();
        admin.close();
        kafka.close();
    }

    @Test
    void lagEqualsWhatKafkasConsumerGroupsToolReportsAndTimeLagIsTheOldestUnconsumedRecordsAge() throws Exception {
        // Given a topic with 8, 5 and 0 records whose timestamps are 100 s, 99 s, ... before the start,
        createTopic("agree", 3);
        writeAged("agree", 0, 8);
        writeAged("agree", 1, 5);
        // and a group that committed 3 of partition 0, all of partition 1, nothing of partition 2, and left
        commit("agree-group", Map.of(new TopicPartition("agree", 0), 3L, new TopicPartition("agree", 1), 5L));

        // When the engine refreshes and Kafka's tool describes the group
        TestClock clock = new TestClock(Instant.now());
        GroupLag group = refresh(engine(List.of("agree-group"), clock)).group("agree-group").orElseThrow();
        Map<String, ConsumerGroupsTool.Row> tool = ConsumerGroupsTool.describe(kafka.bootstrapServers(), "agree-group");

        // Then both agree on every partition's committed offset, end offset and lag
        assertThat(tool).hasSize(2);
        for (PartitionLag partition : group.partitions()) {
            ConsumerGroupsTool.Row row = tool.get(partition.topic() + "-" + partition.partition());
            assertThat(new long[] {partition.committedOffset(), partition.endOffset(), partition.lag()})
                    .as("partition %s", partition.partition())
                    .containsExactly(row.currentOffset(), row.logEndOffset(), row.lag());
        }
        // and time lag is the age of the record at offset 3 (written 97 s before the start), 0 when caught up
        PartitionLag behind = group.partitions().get(0);
        assertThat(behind.lagSeconds()).isEqualTo(ageOfRecord(3, clock.instant()));
        assertThat(group.partitions().get(1).lagSeconds()).isEqualTo(0.0);
        assertThat(group.totals()).isEqualTo(new GroupLag.Totals(5, ageOfRecord(3, clock.instant()), 2));
        assertThat(group.state()).isEqualTo("EMPTY");
        assertThat(group.members()).isEmpty();
    }

    @Test
    void timeLagStaysZeroOnAnIdleCaughtUpPartitionAndGrowsWithTheAgeWhereTheConsumerStopped() throws Exception {
        // Given a group caught up on partition 0 and stopped 2 records short on partition 1
        createTopic("idle", 2);
        writeAged("idle", 0, 4);
        writeAged("idle", 1, 6);
        commit("idle-group", Map.of(new TopicPartition("idle", 0), 4L, new TopicPartition("idle", 1), 4L));
        TestClock clock = new TestClock(Instant.now());
        LagEngine engine = engine(List.of("idle-group"), clock);
        GroupLag before = refresh(engine).group("idle-group").orElseThrow();

        // When a minute passes with no new records and no commits
        clock.advance(Duration.ofSeconds(60));
        GroupLag after = refresh(engine).group("idle-group").orElseThrow();

        // Then the caught-up partition stays at 0 s and the stopped one is a minute older
        assertThat(before.partitions()).extracting(PartitionLag::lag, PartitionLag::lagSeconds)
                .containsExactly(tuple(0L, 0.0), tuple(2L, ageOfRecord(4, clock.instant().minusSeconds(60))));
        assertThat(after.partitions()).extracting(PartitionLag::lag, PartitionLag::lagSeconds)
                .containsExactly(tuple(0L, 0.0), tuple(2L, ageOfRecord(4, clock.instant())));
    }

    @Test
    void aMemberThatStopsCommittingTurnsStalledAndStoppedOnceItLeaves() throws Exception {
        // Given a live member "stall-worker-1" running v7 that holds both partitions and commits nothing
        createTopic("stall", 2);
        writeAged("stall", 0, 3);
        writeAged("stall", 1, 3);
        commit("stall-group", Map.of(new TopicPartition("stall", 0), 1L, new TopicPartition("stall", 1), 3L));
        TestClock clock = new TestClock(Instant.now());
        LagEngine engine = engine(List.of("stall-group"), clock);
        GroupLag stalled;
        try (KafkaConsumer<byte[], byte[]> member = member("stall-group", "stall-worker-1@v7", "consumer", "stall", 2)) {
            // When the engine refreshes a full window (3 refreshes, 5 s apart) while the commits stand still
            List<LagStatus> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                stalled = refresh(engine).group("stall-group").orElseThrow();
                statuses.add(stalled.status());
                clock.advance(Duration.ofSeconds(5));
            }
            stalled = engine.latest().group("stall-group").orElseThrow();

            // Then the lagging partition turns STALLED at the window's end, and so does the group
            assertThat(statuses).containsExactly(LagStatus.OK, LagStatus.OK, LagStatus.STALLED);
            assertThat(stalled.partitions()).extracting(PartitionLag::status, PartitionLag::owner, PartitionLag::ownerVersion)
                    .containsExactly(tuple(LagStatus.STALLED, "stall-worker-1", "v7"),
                            tuple(LagStatus.OK, "stall-worker-1", "v7"));
            assertThat(stalled.protocol()).isEqualTo("consumer");
            assertThat(stalled.members()).extracting(Member::instance, Member::version, Member::partitions)
                    .containsExactly(tuple("stall-worker-1", "v7",
                            List.of(new PartitionRef("stall", 0), new PartitionRef("stall", 1))));
        }

        // When the member has left and the engine refreshes again
        await("member left").atMost(Duration.ofSeconds(30)).until(() ->
                admin.describeConsumerGroups(List.of("stall-group")).all().get().get("stall-group").members().isEmpty());
        GroupLag left = refresh(engine).group("stall-group").orElseThrow();

        // Then nobody holds the lagging partition and it is STOPPED
        assertThat(left.partitions().get(0).status()).isEqualTo(LagStatus.STOPPED);
        assertThat(left.partitions().get(0).owner()).isNull();
        assertThat(left.status()).isEqualTo(LagStatus.STOPPED);
    }

    @Test
    void classicGroupsAreDescribedToo() throws Exception {
        // Given a member of a group on the classic protocol whose client.id follows no convention
        createTopic("classic", 1);
        LagEngine engine = engine(List.of("classic-group"), new TestClock(Instant.now()));
        try (KafkaConsumer<byte[], byte[]> member = member("classic-group", "console-consumer", "classic", "classic", 1)) {
            // When the engine refreshes
            GroupLag group = refresh(engine).group("classic-group").orElseThrow();

            // Then it shows the protocol and the member, without a version
            assertThat(group.protocol()).isEqualTo("classic");
            assertThat(group.state()).isEqualTo("STABLE");
            assertThat(group.members()).extracting(Member::instance, Member::version)
                    .containsExactly(tuple("console-consumer", null));
        }
    }

    @Test
    void aCaughtUpExactlyOnceGroupHasNoLagThoughMarkersAndAbortedRecordsFollowItsOffset() throws Exception {
        // Given a committed transaction of 3 records (offsets 0-2, marker 3) and an aborted one (4-5, marker 6)
        createTopic("eos", 1);
        try (KafkaProducer<byte[], byte[]> transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-engine-it"), new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            IntStream.range(0, 3).forEach(i -> transactional.send(record("eos", 0, i)));
            transactional.commitTransaction();
            transactional.beginTransaction();
            IntStream.range(0, 2).forEach(i -> transactional.send(record("eos", 0, i)));
            transactional.flush();
            transactional.abortTransaction();
        }
        // and a read_committed group that consumed the 3 records and committed offset 3, before the marker
        commit("eos-group", Map.of(new TopicPartition("eos", 0), 3L));
        // (the abort's marker is written after abortTransaction returns)
        await("abort marker").atMost(Duration.ofSeconds(30)).until(() -> admin.listOffsets(
                        Map.of(new TopicPartition("eos", 0), OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get().get(new TopicPartition("eos", 0)).offset() == 7);

        // When the engine refreshes and Kafka's tool describes the group
        PartitionLag partition = refresh(engine(List.of("eos-group"), new TestClock(Instant.now())))
                .group("eos-group").orElseThrow().partitions().get(0);
        ConsumerGroupsTool.Row tool = ConsumerGroupsTool.describe(kafka.bootstrapServers(), "eos-group").get("eos-0");

        // Then the engine sees no lag, where the tool counts the markers and aborted records as 4
        assertThat(partition).isEqualTo(new PartitionLag("eos", 0, 3L, LagPosition.COMMITTED, 3, 7, 0, 0.0, LagStatus.OK,
                null, null));
        assertThat(tool.lag()).isEqualTo(4);
    }

    @Test
    void aGroupThatNeverCommittedLagsByEveryRecordFromTheLogStartAndAgesWithTheFirstOfThem() throws Exception {
        // Given a topic holding 6 records written 100 s, 99 s, ... before the start
        createTopic("fresh", 1);
        writeAged("fresh", 0, 6);
        TestClock clock = new TestClock(Instant.now());
        LagEngine engine = engine(List.of("fresh-group"), clock);
        // and a member that holds its partition and has committed nothing
        try (KafkaConsumer<byte[], byte[]> member = member("fresh-group", "fresh-worker-1@v2", "consumer", "fresh", 1)) {
            // When the engine, with no offset reset configured for the group, refreshes and Kafka's tool describes it
            GroupLag group = refresh(engine).group("fresh-group").orElseThrow();
            ConsumerGroupsTool.Row tool = ConsumerGroupsTool.describe(kafka.bootstrapServers(), "fresh-group").get("fresh-0");

            // Then all 6 records lag, counted from the log start, as old as the first of them
            assertThat(group.partitions()).containsExactly(new PartitionLag("fresh", 0, null, LagPosition.EARLIEST, 0, 6, 6,
                    ageOfRecord(0, clock.instant()), LagStatus.OK, "fresh-worker-1", "v2"));
            assertThat(group.totals()).isEqualTo(new GroupLag.Totals(6, ageOfRecord(0, clock.instant()), 1));
            // and the tool agrees on the end offset, showing neither a committed offset nor a lag
            assertThat(tool).isEqualTo(new ConsumerGroupsTool.Row("fresh", 0, null, 6L, null));

            // When the log start moves to offset 2 and the engine refreshes 5 s later
            admin.deleteRecords(Map.of(new TopicPartition("fresh", 0), RecordsToDelete.beforeOffset(2))).all().get();
            clock.advance(Duration.ofSeconds(5));
            GroupLag moved = refresh(engine).group("fresh-group").orElseThrow();

            // Then only the 4 records left count, as old as the record at offset 2
            assertThat(moved.partitions()).containsExactly(new PartitionLag("fresh", 0, null, LagPosition.EARLIEST, 2, 6, 4,
                    ageOfRecord(2, clock.instant()), LagStatus.OK, "fresh-worker-1", "v2"));
            assertThat(moved.totals()).isEqualTo(new GroupLag.Totals(4, ageOfRecord(2, clock.instant()), 1));
        }
    }

    @Test
    void anIdleGroupThatNeverCommittedHasNoLagOnEmptyEmptiedAndAbortedOnlyPartitions() throws Exception {
        // Given a topic whose partition 0 is empty, partition 1 had its 3 records deleted, and partition 2 holds
        // only an aborted transaction of 2 records and its marker
        createTopic("quiet", 3);
        writeAged("quiet", 1, 3);
        admin.deleteRecords(Map.of(new TopicPartition("quiet", 1), RecordsToDelete.beforeOffset(3))).all().get();
        try (KafkaProducer<byte[], byte[]> transactional = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-engine-it-quiet"), new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            transactional.beginTransaction();
            IntStream.range(0, 2).forEach(i -> transactional.send(record("quiet", 2, i)));
            transactional.flush();
            transactional.abortTransaction();
        }
        await("abort marker").atMost(Duration.ofSeconds(30)).until(() -> admin.listOffsets(
                        Map.of(new TopicPartition("quiet", 2), OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get().get(new TopicPartition("quiet", 2)).offset() == 3);
        LagEngine engine = engine(List.of("quiet-group"), new TestClock(Instant.now()));
        // and a member that holds the three partitions and has committed nothing
        try (KafkaConsumer<byte[], byte[]> member = member("quiet-group", "quiet-worker-1@v2", "consumer", "quiet", 3)) {
            // When the engine refreshes and Kafka's tool describes the group
            GroupLag group = refresh(engine).group("quiet-group").orElseThrow();
            Map<String, ConsumerGroupsTool.Row> tool = ConsumerGroupsTool.describe(kafka.bootstrapServers(), "quiet-group");

            // Then no partition has a record waiting: 0 records and 0 s everywhere
            assertThat(group.partitions()).containsExactly(
                    new PartitionLag("quiet", 0, null, LagPosition.EARLIEST, 0, 0, 0, 0.0, LagStatus.OK, "quiet-worker-1", "v2"),
                    new PartitionLag("quiet", 1, null, LagPosition.EARLIEST, 3, 3, 0, 0.0, LagStatus.OK, "quiet-worker-1", "v2"),
                    new PartitionLag("quiet", 2, null, LagPosition.EARLIEST, 0, 3, 0, 0.0, LagStatus.OK, "quiet-worker-1", "v2"));
            assertThat(group.totals()).isEqualTo(new GroupLag.Totals(0, 0.0, 3));
            // and the tool agrees on the end offsets
            assertThat(tool.values()).extracting(ConsumerGroupsTool.Row::partition, ConsumerGroupsTool.Row::logEndOffset)
                    .containsExactlyInAnyOrder(tuple(0, 0L), tuple(1, 3L), tuple(2, 3L));
        }
    }

    @Test
    void aGroupThatNeverCommittedAndResetsToLatestHasNoLag() throws Exception {
        // Given a topic holding 4 records, and a group configured in the engine with the offset reset latest
        createTopic("late", 1);
        writeAged("late", 0, 4);
        LagEngine engine = engine(List.of("late-group"), Map.of("late-group", OffsetReset.LATEST), new TestClock(Instant.now()));
        // and a member of it, resetting to latest, that holds the partition and has committed nothing
        try (KafkaConsumer<byte[], byte[]> member = member("late-group", "late-worker-1@v2", "consumer", "late", 1, "latest")) {
            // When the engine refreshes and Kafka's tool describes the group
            GroupLag group = refresh(engine).group("late-group").orElseThrow();
            ConsumerGroupsTool.Row tool = ConsumerGroupsTool.describe(kafka.bootstrapServers(), "late-group").get("late-0");

            // Then a new member would start at the end: nothing lags
            assertThat(group.partitions()).containsExactly(new PartitionLag("late", 0, null, LagPosition.LATEST, 4, 4, 0, 0.0,
                    LagStatus.OK, "late-worker-1", "v2"));
            assertThat(group.totals()).isEqualTo(new GroupLag.Totals(0, 0.0, 1));
            assertThat(tool).isEqualTo(new ConsumerGroupsTool.Row("late", 0, null, 4L, null));
        }
    }

    private static LagEngine engine(List<String> groups, TestClock clock) {
        return engine(groups, Map.of(), clock);
    }

    private static LagEngine engine(List<String> groups, Map<String, OffsetReset> offsetReset, TestClock clock) {
        LagProperties settings = new LagProperties(groups, Duration.ofSeconds(5), 3, Duration.ofMinutes(2),
                Duration.ofMinutes(10), offsetReset);
        // A generous read timeout: a first read includes the consumer's metadata lookup on a busy machine.
        OldestRecords reader = LagConfiguration.oldestRecords(KafkaConnection.of(kafka.bootstrapServers()), Duration.ofSeconds(20));
        readers.add(reader);
        return new LagEngine(new ClusterReader(admin), reader, settings, clock, List.of());
    }

    private static LagSnapshot refresh(LagEngine engine) throws InterruptedException, ExecutionException, TimeoutException {
        return engine.refresh();
    }

    private static void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }

    /** Writes records whose i-th is timestamped 100 - i seconds before the test class started. */
    private static void writeAged(String topic, int partition, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, partition, timestampOf(i), null,
                    ("record " + i).getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, int i) {
        return new ProducerRecord<>(topic, partition, timestampOf(i), null, ("record " + i).getBytes(StandardCharsets.UTF_8));
    }

    private static long timestampOf(int offset) {
        return START.minusSeconds(100 - offset).toEpochMilli();
    }

    private static double ageOfRecord(int offset, Instant at) {
        return (at.toEpochMilli() - timestampOf(offset)) / 1000.0;
    }

    /** Commits offsets for a group from outside it, as a consumer that read up to there and then stopped. */
    private static void commit(String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(offsets.keySet());
            consumer.commitSync(commits);
        }
    }

    private static KafkaConsumer<byte[], byte[]> member(String group, String clientId, String protocol, String topic,
            int partitions) {
        return member(group, clientId, protocol, topic, partitions, "earliest");
    }

    /**
     * A member of the group, subscribed to {@code topic} with the given auto.offset.reset, returned once it
     * holds {@code partitions} partitions.
     */
    private static KafkaConsumer<byte[], byte[]> member(String group, String clientId, String protocol, String topic,
            int partitions, String offsetReset) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        // The assignment arrives through poll; what it returns is never committed.
        await("assignment of " + topic).atMost(Duration.ofSeconds(30))
                .until(() -> {
                    consumer.poll(Duration.ofMillis(100));
                    return consumer.assignment().size() == partitions;
                });
        return consumer;
    }
}
