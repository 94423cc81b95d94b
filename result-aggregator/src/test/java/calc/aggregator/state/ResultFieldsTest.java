package calc.aggregator.state;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcError;
import calc.contract.CalcJson;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The streaming result reader against the contract's mapper: over generated records, valid and
 * broken, every record the streaming reader reads itself must come out exactly as the mapper has
 * it, and what the workers write must be the streaming reader's.
 */
class ResultFieldsTest {
    private static final int RECORDS = 100_000;
    private static final long SEED = Long.getLong("calc.fields.seed", 20261205L);

    @Test
    void everyRecordComesOutAsTheMapperHasIt() {
        // Given generated result records, half in the form the services write, a fifth of all broken in some way
        GeneratedRecords records = new GeneratedRecords(SEED);
        int streamed = 0;
        for (int i = 0; i < RECORDS; i++) {
            byte[] value = records.result(records.id());

            // When both readers read it
            Optional<CalculationResult> expected = ResultFields.parsed(value);
            CalculationResult scanned = ResultFields.scan(value);

            // Then they agree wherever the streaming reader answers itself
            if (scanned != null) {
                streamed++;
                assertThat(Optional.of(scanned)).as("seed %d, record %d: %s", SEED, i, new String(value, StandardCharsets.UTF_8))
                        .isEqualTo(expected);
            }
            assertThat(ResultFields.read(value)).isEqualTo(expected);
        }
        assertThat(streamed).as("records read by the streaming reader").isGreaterThan(RECORDS / 3);
    }

    @Test
    void whatTheWorkersWriteIsStreamed() {
        CalculationResult ok = new CalculationResult("r-42", "demo-1", Operation.MULTIPLY, 6L, 7L, Status.OK, 42L, null,
                new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1"),
                Instant.parse("2026-11-27T09:00:00Z"), Instant.parse("2026-11-27T09:00:00.004Z"));
        CalculationResult overflow = new CalculationResult("r-43", null, Operation.ADD, Long.MAX_VALUE, 1L, Status.ERROR,
                null, new CalcError(ErrorCode.OVERFLOW, "overflows"), new WorkerIdentity("add-worker", "v1", "add-worker-1"),
                Instant.parse("2026-11-27T09:00:00.123456789Z"), Instant.parse("2026-11-27T09:00:01Z"));

        assertThat(ResultFields.scan(CalcJson.toBytes(ok))).isEqualTo(ok);
        assertThat(ResultFields.scan(CalcJson.toBytes(overflow))).isEqualTo(overflow);
    }
}
