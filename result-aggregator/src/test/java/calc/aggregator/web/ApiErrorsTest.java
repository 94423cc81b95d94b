package calc.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.streams.StreamsUnavailableException;
import calc.contract.ErrorCode;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ApiErrorsTest {
    private final ApiErrors errors = new ApiErrors();

    @Test
    void queriesWhileStreamsIsNotRunningAreUnavailable() {
        ResponseEntity<ErrorBody> response =
                errors.unavailable(new StreamsUnavailableException(KafkaStreams.State.REBALANCING));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getBody()).isEqualTo(ErrorBody.of(ErrorCode.UNAVAILABLE,
                "the aggregator's state is not ready (Kafka Streams is REBALANCING); retry shortly"));
    }

    @Test
    void anUnexpectedFailureIsA500WithoutItsDetails() {
        ResponseEntity<ErrorBody> response = errors.unexpected(new IllegalStateException("secret internals"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody()).isEqualTo(
                ErrorBody.of(ErrorCode.UNAVAILABLE, "the aggregator failed to answer; see its log"));
    }
}
