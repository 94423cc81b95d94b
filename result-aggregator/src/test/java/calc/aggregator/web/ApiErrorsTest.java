package calc.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.state.StreamsUnavailableException;
import calc.aggregator.state.UnreadableStateException;
import calc.contract.ErrorBody;
import calc.contract.ErrorCode;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class ApiErrorsTest {
    private final ApiErrors errors = new ApiErrors();

    @Test
    void queriesWhileStreamsIsNotRunningAreUnavailable() {
        ResponseEntity<ErrorBody> response =
                errors.unavailable(new StreamsUnavailableException(KafkaStreams.State.REBALANCING));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getBody()).isEqualTo(ErrorBody.of(ErrorCode.UNAVAILABLE,
                "the aggregator's state is not ready (Kafka Streams is REBALANCING); retry shortly"));
    }

    @Test
    void anIdThatBreaksTheRuleIsABadRequest() {
        ResponseEntity<ErrorBody> response = errors.invalid(new InvalidIdException("requestId"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).isEqualTo(ErrorBody.of(ErrorCode.INVALID_REQUEST,
                "requestId must be 1-128 characters of [A-Za-z0-9._:-]"));
    }

    @Test
    void stateThisReleaseCannotReadIsAClearServerErrorNotAWrongAnswer() {
        ResponseEntity<ErrorBody> response = errors.unreadable(new UnreadableStateException("request-entries", 7));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody()).isEqualTo(ErrorBody.of(ErrorCode.UNAVAILABLE,
                "a value of the store request-entries has format version 7, which this aggregator cannot read "
                        + "(it reads versions 0 and 1); it was written by a newer release"));
    }
}
