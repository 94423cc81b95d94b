package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The streaming request reader against the contract's full parser: over generated records, valid
 * and broken, every record the streaming reader reads itself must come out exactly as the full
 * parser has it, and the common form must be the streaming reader's (else it buys nothing).
 */
class RequestFieldsTest {
    private static final int RECORDS = 100_000;
    private static final long SEED = Long.getLong("calc.fields.seed", 20261205L);

    @Test
    void everyRecordComesOutAsTheFullParserHasIt() {
        // Given generated request records, half in the form the services write, a fifth of all broken in some way
        GeneratedRecords records = new GeneratedRecords(SEED);
        int streamed = 0;
        for (int i = 0; i < RECORDS; i++) {
            String id = records.id();
            String key = records.key(id);
            byte[] value = records.request(id);
            Operation topic = i % 2 == 0 ? Operation.MULTIPLY : Operation.ADD;
            long time = records.recordTime().toEpochMilli();

            // When both readers read it
            Optional<RequestSeen> expected = RequestFields.parsed(key, value, topic, time);
            RequestFields.Scan scan = RequestFields.scan(value);

            // Then they agree on the id and batch wherever the streaming reader answers itself
            if (scan != null) {
                streamed++;
                assertThat(RequestFields.seen(key, scan, topic))
                        .as("seed %d, record %d: key %s, value %s", SEED, i, key, new String(value, StandardCharsets.UTF_8))
                        .isEqualTo(expected);
            }
            assertThat(RequestFields.read(key, value, topic, time)).isEqualTo(expected);
        }
        assertThat(streamed).as("records read by the streaming reader").isGreaterThan(RECORDS / 3);
    }

    @Test
    void theContractsFormIsStreamed() {
        byte[] request = "{\"requestId\":\"r-42\",\"operation\":\"multiply\",\"a\":6,\"b\":7,\"batchId\":\"demo-1\",\"submittedAt\":\"2026-11-27T09:00:00.000Z\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RequestFields.scan(request)).isNotNull();
        assertThat(RequestFields.read("r-42", request, Operation.MULTIPLY, 0))
                .contains(new RequestSeen("r-42", "demo-1", Operation.MULTIPLY));
    }

    @Test
    void aFieldGivenTwiceIsTheFullParsersToRefuse() {
        byte[] twice = "{\"requestId\":\"r-1\",\"requestId\":\"r-2\",\"batchId\":\"b\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(RequestFields.scan(twice)).isNull();
        assertThat(RequestFields.read("r-9", twice, Operation.MULTIPLY, 0))
                .contains(new RequestSeen("r-9", null, Operation.MULTIPLY));
    }
}
