package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calc.aggregator.measure.LatencyHistograms;
import calc.contract.CalcError;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The stored values' format: what version 1 writes reads back as the same value; what the JSON
 * releases wrote (version 0, captured from such a release in src/test/resources/state-v0) reads as
 * the values they held; any other version is refused with a message that says why.
 */
class StoreFormatTest {
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v2", "multiply-worker-3");

    @Test
    void everyKindOfValueReadsBackAsWritten() {
        CalculationResult ok = new CalculationResult("r-1", "b-1", Operation.MULTIPLY, -6L, 7L, Status.OK, -42L, null,
                WORKER, Instant.parse("2026-11-27T09:00:00.123456789Z"), Instant.parse("2026-11-27T09:00:01Z"));
        CalculationResult refused = new CalculationResult("r-2", null, null, null, null, Status.ERROR, null,
                new CalcError(ErrorCode.INVALID_REQUEST, "a is required – é"), null, null, null);

        assertRoundTrip(StoreFormat.entries(), new RequestEntry("r-1", Operation.MULTIPLY, ok, "b-1", 1_796_000_000_000L));
        assertRoundTrip(StoreFormat.entries(), new RequestEntry("r-2", null, refused, null, 0));
        assertRoundTrip(StoreFormat.entries(), new RequestEntry("r-3", Operation.ADD, null, null, 5));
        assertRoundTrip(StoreFormat.batches(), new BatchAggregate(3, 2, 1, 1, LatencyHistograms.of(0, 4, 4, 90_000), 77));
        assertRoundTrip(StoreFormat.services(), new ServiceAggregate("add-worker", "v1", 5, 1, 2,
                LatencyHistograms.of(1, 2, 3)));
        assertRoundTrip(StoreFormat.seconds(), new ServiceSecond("add-worker", "v1", 1_796_000_000L, 2, 0, 0,
                LatencyHistograms.of(12, 13)));
        assertRoundTrip(StoreFormat.totals(), new Totals(10, 9, 1));
    }

    @Test
    void whatTheJsonReleasesStoredReadsAsTheValuesTheyHeld() throws IOException {
        // Given every changelog value a JSON release wrote for 42 ids, their batch, services, seconds and totals
        List<String[]> records = changelog();

        // When each is read with today's format
        List<Object> read = new ArrayList<>();
        for (String[] record : records) {
            read.add(StoreFormat.of(record[0]).deserializer().deserialize(record[0], Base64.getDecoder().decode(record[2])));
        }

        // Then the figures are those the JSON held, latencies within the old histogram's 2% buckets
        assertThat(records).hasSizeGreaterThan(40);
        assertThat(value(records, read, StoreNames.TOTALS, "all")).isEqualTo(new Totals(42, 37, 1));
        BatchAggregate batch = (BatchAggregate) value(records, read, StoreNames.BATCHES, "old-batch");
        assertThat(List.of(batch.requested(), batch.completed(), batch.ok(), batch.errors(), batch.updatedAtMs()))
                .containsExactly(33L, 29L, 25L, 4L, 1_796_115_600_000L);
        assertThat(batch.latency().getTotalCount()).isEqualTo(29);
        assertThat(LatencyHistograms.max(batch.latency()).orElseThrow()).isBetween(410L, 430L);
        ServiceAggregate v1 = (ServiceAggregate) value(records, read, StoreNames.SERVICES, "multiply-worker/v1");
        assertThat(List.of(v1.requests(), v1.ok(), v1.errors(), v1.mismatches())).containsExactly(22L, 18L, 4L, 0L);
        RequestEntry pending = (RequestEntry) value(records, read, StoreNames.ENTRIES, "old-9");
        assertThat(pending).isEqualTo(new RequestEntry("old-9", Operation.MULTIPLY, null, "old-batch", 1_796_115_600_000L));
        assertThat(value(records, read, StoreNames.DEAD_LETTERS, "all")).isEqualTo(2L);
    }

    @Test
    void aVersionThisReleaseDoesNotKnowIsRefusedNotGuessed() {
        byte[] fromTheFuture = {7, 1, 2, 3};

        assertThatThrownBy(() -> StoreFormat.entries().deserializer().deserialize("t", fromTheFuture))
                .isInstanceOf(UnreadableStateException.class)
                .hasMessage("a value of the store request-entries has format version 7, which this aggregator cannot "
                        + "read (it reads versions 0 and 1); it was written by a newer release");
        assertThatThrownBy(() -> StoreFormat.totals().deserializer().deserialize("t", new byte[0]))
                .isInstanceOf(UnreadableStateException.class)
                .hasMessageContaining("is empty");
    }

    private static <V> void assertRoundTrip(Serde<V> serde, V value) {
        byte[] bytes = serde.serializer().serialize("t", value);
        assertThat(bytes[0]).isEqualTo((byte) StoreFormat.VERSION);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(value);
    }

    /** Lines of store, key, Base64 value, as a JSON release's changelogs held them. */
    static List<String[]> changelog() throws IOException {
        try (InputStream in = StoreFormatTest.class.getResourceAsStream("/state-v0/changelog.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(line -> line.split("\t", -1)).toList();
        }
    }

    private static Object value(List<String[]> records, List<Object> read, String store, String key) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i)[0].equals(store) && records.get(i)[1].equals(key)) {
                return read.get(i);
            }
        }
        throw new AssertionError("no " + store + " value under " + key);
    }
}
