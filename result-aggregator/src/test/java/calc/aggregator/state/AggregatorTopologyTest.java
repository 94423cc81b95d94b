package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.measure.LatencyHistograms;
import calc.contract.CalcError;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntPredicate;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlation rules, run through the real topology on Kafka's test driver (no broker). The
 * driver puts every input record in partition 0 and runs a single task, so routing is checked by
 * what went through the repartition topic.
 */
class AggregatorTopologyTest {
    private static final Topics TOPICS = Topics.defaults();
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static final Instant SUBMITTED = Instant.parse("2026-11-27T09:00:00.000Z");
    private static final WorkerIdentity V1 = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final Retention RETENTION = new Retention(Duration.ofHours(1), Duration.ofMinutes(1));
    private static final PartitionLayout LAYOUT = layout(12, 12);
    private static final String REPARTITION_TOPIC = "aggregator-test-" + AggregatorTopology.REPARTITION + "-repartition";

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> multiplyRequests;
    private TestInputTopic<String, byte[]> results;
    private TestInputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        startDriver(LAYOUT, RETENTION);
    }

    private void startDriver(PartitionLayout layout, Retention retention) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        AggregatorTopology.build(builder, TOPICS, layout, retention);
        driver = new TopologyTestDriver(builder.build(), props, START);
        multiplyRequests = input(TOPICS.requests(Operation.MULTIPLY).name());
        results = input(TOPICS.calculationResults().name());
        deadLetters = input(TOPICS.deadLetterTopic().name());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aResultBeforeItsRequestCompletesTheIdOnce() {
        // Given the result of r-1 arrives before its request
        CalculationResult answer = ok("r-1", "b-1", 6, 7, 42, 4);
        results.pipeInput("r-1", CalcJson.toBytes(answer));
        multiplyRequests.pipeInput("r-1", request("r-1", "b-1", 6, 7));

        // Then r-1 is one completed id, in batch b-1, answered by v1
        assertThat(entries().get("r-1")).isEqualTo(
                new RequestEntry("r-1", Operation.MULTIPLY, answer, "b-1", START.toEpochMilli()));
        assertThat(totals()).isEqualTo(new Totals(1, 1, 0));
        assertThat(batches().get("b-1")).isEqualTo(new BatchAggregate(
                1, 1, 1, 0, LatencyHistograms.of(4), START.toEpochMilli()));
        assertThat(services().get("multiply-worker/v1")).isEqualTo(new ServiceAggregate("multiply-worker", "v1",
                1, 0, 0, LatencyHistograms.of(4)));
    }

    @Test
    void aSecondResultForACompletedIdIsADuplicateAndTheFirstIsKept() {
        // Given r-1 is answered twice, the second time wrongly
        CalculationResult first = ok("r-1", null, 6, 7, 42, 4);
        multiplyRequests.pipeInput("r-1", request("r-1", null, 6, 7));
        results.pipeInput("r-1", CalcJson.toBytes(first));
        results.pipeInput("r-1", CalcJson.toBytes(ok("r-1", null, 6, 7, 43, 9)));

        // Then the first answer stands and the second only counts as a duplicate
        assertThat(entries().get("r-1").result()).isEqualTo(first);
        assertThat(totals()).isEqualTo(new Totals(1, 1, 1));
        assertThat(services().get("multiply-worker/v1").requests()).isEqualTo(1);
        assertThat(services().get("multiply-worker/v1").mismatches()).isZero();
    }

    @Test
    void aRequestWithoutKeyIsStoredUnderItsRequestId() {
        // Given a request sent without a key, as Kafka's console producer does
        multiplyRequests.pipeInput((String) null, request("r-2", "b-2", 2, 3));

        // Then it is pending under its requestId
        assertThat(entries().get("r-2")).isEqualTo(
                new RequestEntry("r-2", Operation.MULTIPLY, null, "b-2", START.toEpochMilli()));
        assertThat(totals()).isEqualTo(new Totals(1, 0, 0));
        assertThat(batches().get("b-2").requested()).isEqualTo(1);
    }

    @Test
    void aBadRequestCountsWhenItHasAnIdAndIsIgnoredWhenItHasNone() {
        // Given a request with a bad operand but a key, and one that is not JSON and has no key
        multiplyRequests.pipeInput("r-3", "{\"requestId\":\"r-3\",\"operation\":\"multiply\",\"a\":1.5,\"b\":2}"
                .getBytes(StandardCharsets.UTF_8));
        multiplyRequests.pipeInput((String) null, "not json".getBytes(StandardCharsets.UTF_8));

        // Then only the first is a pending id (its ERROR result will come)
        assertThat(entries().get("r-3").requested()).isEqualTo(Operation.MULTIPLY);
        assertThat(entries().approximateNumEntries()).isEqualTo(1);
        assertThat(totals()).isEqualTo(new Totals(1, 0, 0));
    }

    @Test
    void aWrongAnswerIsAMismatchAndAnOverflowErrorIsNot() {
        results.pipeInput("r-4", CalcJson.toBytes(ok("r-4", null, 6, 7, 43, 1)));
        results.pipeInput("r-5", CalcJson.toBytes(new CalculationResult("r-5", null, Operation.MULTIPLY,
                Long.MAX_VALUE, 2L, Status.ERROR, null, new CalcError(ErrorCode.OVERFLOW, "overflows"), V1,
                SUBMITTED, SUBMITTED.plusMillis(2))));

        ServiceAggregate v1 = services().get("multiply-worker/v1");
        assertThat(v1.requests()).isEqualTo(2);
        assertThat(v1.ok()).isEqualTo(1);
        assertThat(v1.errors()).isEqualTo(1);
        assertThat(v1.mismatches()).isEqualTo(1);
    }

    @Test
    void aRecordThatIsNotAResultIsSkipped() {
        results.pipeInput("r-6", "{\"nonsense\":true}".getBytes(StandardCharsets.UTF_8));
        results.pipeInput("r-7", CalcJson.toBytes(ok("r-7", null, 1, 1, 1, 1)));

        assertThat(entries().get("r-6")).isNull();
        assertThat(totals()).isEqualTo(new Totals(1, 1, 0));
    }

    @Test
    void entriesAndIdleBatchesOlderThanTheRetentionAreDeletedButTotalsStay() {
        // Given an answered request in a batch
        multiplyRequests.pipeInput("r-8", request("r-8", "b-8", 2, 2));
        results.pipeInput("r-8", CalcJson.toBytes(ok("r-8", "b-8", 2, 2, 4, 1)));

        // When the wall clock passes the retention and the next check
        driver.advanceWallClockTime(RETENTION.keep().plus(RETENTION.checkInterval()).plusSeconds(1));

        // Then the entry and batch are gone, the counts remain
        assertThat(entries().get("r-8")).isNull();
        assertThat(batches().get("b-8")).isNull();
        assertThat(totals()).isEqualTo(new Totals(1, 1, 0));
    }

    @Test
    void entriesYoungerThanTheRetentionStay() {
        multiplyRequests.pipeInput("r-9", request("r-9", null, 2, 2));

        driver.advanceWallClockTime(RETENTION.keep().minusMinutes(5));

        assertThat(entries().get("r-9")).isNotNull();
    }

    @Test
    void answersAreKeptPerSecondOfCompletedAtUntilTheHistoryHasPassed() {
        // Given two answers of v1 completed in the same second, the second one wrong
        results.pipeInput("r-11", CalcJson.toBytes(ok("r-11", null, 6, 7, 42, 4)));
        results.pipeInput("r-12", CalcJson.toBytes(ok("r-12", null, 6, 7, 43, 6)));
        String key = ServiceSecond.key("multiply-worker", "v1", START.getEpochSecond());

        // Then that second holds both
        assertThat(seconds().get(key)).isEqualTo(new ServiceSecond("multiply-worker", "v1", START.getEpochSecond(),
                2, 0, 1, LatencyHistograms.of(4, 6)));

        // When the wall clock passes the history and the next expiry check
        driver.advanceWallClockTime(RecentSeconds.HISTORY.plus(RecentSeconds.EXPIRY_INTERVAL).plusSeconds(1));

        // Then the second is gone, while the all-time figures stay
        assertThat(seconds().get(key)).isNull();
        assertThat(services().get("multiply-worker/v1").requests()).isEqualTo(2);
    }

    @Test
    void anAnswerCompletedBeforeTheHistoryIsNotKeptPerSecond() {
        Instant longAgo = START.minus(RecentSeconds.HISTORY).minusSeconds(5);
        results.pipeInput("r-13", CalcJson.toBytes(new CalculationResult("r-13", null, Operation.MULTIPLY, 6L, 7L,
                Status.OK, 42L, null, V1, longAgo, longAgo.plusMillis(3))));

        try (KeyValueIterator<String, ServiceSecond> all = seconds().all()) {
            assertThat(all.hasNext()).isFalse();
        }
        assertThat(services().get("multiply-worker/v1").requests()).isEqualTo(1);
    }

    @Test
    void aKeyedRequestOutsideItsIdsHomePartitionIsRoutedHomeAndCorrelatedOnce() {
        // Given a request keyed by its id but in partition 0, which is not its id's home (as a
        // client with another partitioner would put it), and its result, which a worker puts at home
        String id = idWhoseHome(LAYOUT, home -> home != 0);
        CalculationResult answer = ok(id, "b-home", 6, 7, 42, 4);
        multiplyRequests.pipeInput(id, request(id, "b-home", 6, 7));
        results.pipeInput(id, CalcJson.toBytes(answer));

        // Then only the request went through the repartition topic, and the id is one completed entry, counted once
        RequestSeen seen = new RequestSeen(id, "b-home", Operation.MULTIPLY);
        assertThat(repartitioned()).containsExactly(KeyValue.pair(id, Observation.of(seen)));
        assertThat(allEntries()).containsExactly(KeyValue.pair(id,
                new RequestEntry(id, Operation.MULTIPLY, answer, "b-home", START.toEpochMilli())));
        assertThat(totals()).isEqualTo(new Totals(1, 1, 0));
        assertThat(batches().get("b-home")).isEqualTo(new BatchAggregate(
                1, 1, 1, 0, LatencyHistograms.of(4), START.toEpochMilli()));
        assertThat(services().get("multiply-worker/v1").requests()).isEqualTo(1);
    }

    @Test
    void aKeyedRequestInItsIdsHomePartitionGoesStraightOn() {
        // Given a request keyed by its id in its id's home partition (0)
        String id = idWhoseHome(LAYOUT, home -> home == 0);
        multiplyRequests.pipeInput(id, request(id, null, 6, 7));

        // Then it is pending without a detour through the repartition topic
        assertThat(repartitioned()).isEmpty();
        assertThat(allEntries()).containsExactly(KeyValue.pair(id,
                new RequestEntry(id, Operation.MULTIPLY, null, null, START.toEpochMilli())));
    }

    @Test
    void requestsOfATopicWithAnotherPartitionCountThanTheResultsAlwaysGoThroughTheRepartitionTopic() {
        // Given request topics with 6 partitions and a results topic with 12
        driver.close();
        PartitionLayout layout = layout(6, 12);
        startDriver(layout, RETENTION);
        String id = idWhoseHome(layout, home -> home == 0);

        // When a request keyed by its id arrives in the partition number of its id's home
        multiplyRequests.pipeInput(id, request(id, null, 6, 7));

        // Then it is still re-keyed, since that number names another task's partition
        RequestSeen seen = new RequestSeen(id, null, Operation.MULTIPLY);
        assertThat(repartitioned()).containsExactly(KeyValue.pair(id, Observation.of(seen)));
        assertThat(totals()).isEqualTo(new Totals(1, 0, 0));
    }

    @Test
    void aSweepDeletesAtMostOneSlicePerTickAndGoesOnWhereItStopped() {
        // Given five requests stored at the start and a retention that examines two keys per tick
        driver.close();
        startDriver(LAYOUT, new Retention(RETENTION.keep(), RETENTION.checkInterval(), 2));
        for (String id : List.of("r-1", "r-2", "r-3", "r-4", "r-5")) {
            multiplyRequests.pipeInput((String) null, request(id, null, 1, 1));
        }

        // When the retention has passed and the sweep is due, then each tick deletes the next two
        driver.advanceWallClockTime(RETENTION.keep().plus(RETENTION.checkInterval()).plusSeconds(1));
        assertThat(keys(allEntries())).containsExactly("r-3", "r-4", "r-5");
        driver.advanceWallClockTime(Retention.SWEEP_TICK);
        assertThat(keys(allEntries())).containsExactly("r-5");
        driver.advanceWallClockTime(Retention.SWEEP_TICK);
        assertThat(allEntries()).isEmpty();
        assertThat(totals()).isEqualTo(new Totals(5, 0, 0));
    }

    @Test
    void anAnswerArrivingAfterItsEntryExpiredCountsAsANewId() {
        // Given a request whose entry the retention deleted
        multiplyRequests.pipeInput((String) null, request("r-14", null, 2, 2));
        driver.advanceWallClockTime(RETENTION.keep().plus(RETENTION.checkInterval()).plusSeconds(1));

        // When its answer arrives
        results.pipeInput("r-14", CalcJson.toBytes(ok("r-14", null, 2, 2, 4, 1)));

        // Then the id is known again, by its answer only, and counted a second time (docs/contract.md)
        assertThat(entries().get("r-14").requested()).isNull();
        assertThat(totals()).isEqualTo(new Totals(2, 1, 0));
    }

    @Test
    void deadLettersAreCounted() {
        deadLetters.pipeInput((String) null, "not json".getBytes(StandardCharsets.UTF_8));
        deadLetters.pipeInput("r-10", "{}".getBytes(StandardCharsets.UTF_8));

        KeyValueStore<String, Long> counts = driver.getKeyValueStore(StoreNames.DEAD_LETTERS);
        assertThat(counts.get(StoreNames.TOTAL_KEY)).isEqualTo(2);
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer(), START, Duration.ZERO);
    }

    private static byte[] request(String id, String batchId, long a, long b) {
        String batch = batchId == null ? "" : ",\"batchId\":\"" + batchId + "\"";
        return ("{\"requestId\":\"" + id + "\",\"operation\":\"multiply\",\"a\":" + a + ",\"b\":" + b + batch
                + ",\"submittedAt\":\"" + SUBMITTED + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static CalculationResult ok(String id, String batchId, long a, long b, long answer, long latencyMs) {
        return new CalculationResult(id, batchId, Operation.MULTIPLY, a, b, Status.OK, answer, null, V1,
                SUBMITTED, SUBMITTED.plusMillis(latencyMs));
    }

    private static PartitionLayout layout(int requestPartitions, int resultPartitions) {
        return new PartitionLayout(resultPartitions, 3, Map.of(
                TOPICS.requests(Operation.MULTIPLY).name(), requestPartitions,
                TOPICS.requests(Operation.ADD).name(), requestPartitions,
                TOPICS.calculationResults().name(), resultPartitions));
    }

    /** The first of r-h0, r-h1, ... whose home partition satisfies {@code wanted}. */
    private static String idWhoseHome(PartitionLayout layout, IntPredicate wanted) {
        for (int n = 0; ; n++) {
            String id = "r-h" + n;
            if (wanted.test(layout.homeOf(id))) {
                return id;
            }
        }
    }

    private List<KeyValue<String, Observation>> repartitioned() {
        TestOutputTopic<String, Observation> topic = driver.createOutputTopic(REPARTITION_TOPIC,
                new StringDeserializer(), CalcJson.serde(Observation.class).deserializer());
        return topic.readKeyValuesToList();
    }

    private List<KeyValue<String, RequestEntry>> allEntries() {
        List<KeyValue<String, RequestEntry>> all = new ArrayList<>();
        try (KeyValueIterator<String, RequestEntry> entries = entries().all()) {
            entries.forEachRemaining(all::add);
        }
        return all;
    }

    private static List<String> keys(List<KeyValue<String, RequestEntry>> entries) {
        return entries.stream().map(entry -> entry.key).toList();
    }

    private KeyValueStore<String, RequestEntry> entries() {
        return driver.getKeyValueStore(StoreNames.ENTRIES);
    }

    private KeyValueStore<String, BatchAggregate> batches() {
        return driver.getKeyValueStore(StoreNames.BATCHES);
    }

    private KeyValueStore<String, ServiceAggregate> services() {
        return driver.getKeyValueStore(StoreNames.SERVICES);
    }

    private KeyValueStore<String, ServiceSecond> seconds() {
        return driver.getKeyValueStore(StoreNames.SERVICE_SECONDS);
    }

    private Totals totals() {
        KeyValueStore<String, Totals> totals = driver.getKeyValueStore(StoreNames.TOTALS);
        return totals.get(StoreNames.TOTAL_KEY);
    }
}
