package calc.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcJson;
import calc.contract.CalculationRequest;
import calc.contract.Operation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestMessageTest {

    @Test
    void aRequestIsWrittenAsTheContractShowsItWithMillisecondTimestamps() {
        // Given
        CalculationRequest request = new CalculationRequest("r-42", Operation.MULTIPLY, 6, 7, "demo-1",
                Instant.parse("2026-11-27T09:00:00Z"));

        // Then
        assertThat(CalcJson.toString(RequestMessage.of(request))).isEqualTo(
                "{\"requestId\":\"r-42\",\"operation\":\"multiply\",\"a\":6,\"b\":7,\"batchId\":\"demo-1\","
                + "\"submittedAt\":\"2026-11-27T09:00:00.000Z\"}");
    }

    @Test
    void anAbsentBatchIdIsLeftOutAndSubMillisecondsAreCut() {
        // Given
        CalculationRequest request = new CalculationRequest("r-1", Operation.ADD, Long.MIN_VALUE, Long.MAX_VALUE, null,
                Instant.parse("2026-01-02T03:04:05.678912Z"));

        // Then
        assertThat(CalcJson.toString(RequestMessage.of(request))).isEqualTo(
                "{\"requestId\":\"r-1\",\"operation\":\"add\",\"a\":-9223372036854775808,\"b\":9223372036854775807,"
                + "\"submittedAt\":\"2026-01-02T03:04:05.678Z\"}");
    }
}
