package calc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {
    private static final Instant RECORD_TIME = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void aCompleteRequestIsValidAndUnknownFieldsAreIgnored() {
        ParsedRequest parsed = RequestParser.parse("r-42", "{\"requestId\":\"r-42\",\"operation\":\"multiply\","
                + "\"a\":6,\"b\":-9223372036854775808,\"batchId\":\"demo-1\","
                + "\"submittedAt\":\"2026-11-27T10:00:00.000+01:00\",\"note\":{\"x\":1}}", Operation.MULTIPLY, RECORD_TIME);

        assertThat(parsed).isEqualTo(new ParsedRequest.Valid(new CalculationRequest("r-42", Operation.MULTIPLY,
                6, Long.MIN_VALUE, "demo-1", Instant.parse("2026-11-27T09:00:00Z"))));
    }

    @Test
    void aKeylessRequestWithoutSubmittedAtTakesTheRecordTime() {
        ParsedRequest parsed = RequestParser.parse(null,
                "{\"requestId\":\"r-1\",\"operation\":\"add\",\"a\":1,\"b\":2,\"batchId\":null}", null, RECORD_TIME);

        assertThat(parsed).isEqualTo(new ParsedRequest.Valid(
                new CalculationRequest("r-1", Operation.ADD, 1, 2, null, RECORD_TIME)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | r-1 | six times seven | r-1 | INVALID_REQUEST | the value is not JSON",
        "a field twice | r-1 | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"a\":9,\"b\":2} | r-1 | INVALID_REQUEST | the value is not JSON: a field appears twice",
        "requestId twice | | {\"requestId\":\"r-1\",\"requestId\":\"r-2\",\"operation\":\"multiply\",\"a\":1,\"b\":2} | | INVALID_REQUEST | the value is not JSON: a field appears twice",
        "an array | r-1 | [1,2] | r-1 | INVALID_REQUEST | the value is not a JSON object",
        "no requestId, key | k-1 | {\"operation\":\"multiply\",\"a\":1,\"b\":2} | k-1 | INVALID_REQUEST | requestId is required and must be a string",
        "numeric requestId | | {\"requestId\":7,\"operation\":\"multiply\",\"a\":1,\"b\":2} | | INVALID_REQUEST | requestId is required and must be a string",
        "bad requestId charset | | {\"requestId\":\"r 1\",\"operation\":\"multiply\",\"a\":1,\"b\":2} | | INVALID_REQUEST | requestId must be 1-128 characters of [A-Za-z0-9._:-]",
        "key differs | k-1 | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"b\":2} | k-1 | INVALID_REQUEST | the record key and requestId differ",
        "bad batchId | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"b\":2,\"batchId\":\"a/b\"} | r-1 | INVALID_REQUEST | batchId must be 1-128 characters of [A-Za-z0-9._:-]",
        "bad submittedAt | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"b\":2,\"submittedAt\":\"yesterday\"} | r-1 | INVALID_REQUEST | submittedAt must be an RFC 3339 timestamp",
        "no operation | | {\"requestId\":\"r-1\",\"a\":1,\"b\":2} | r-1 | INVALID_REQUEST | operation is required and must be a string",
        "unknown operation | | {\"requestId\":\"r-1\",\"operation\":\"divide\",\"a\":1,\"b\":2} | r-1 | UNSUPPORTED_OPERATION | operation 'divide' is not served by the multiply topic",
        "other topic's operation | | {\"requestId\":\"r-1\",\"operation\":\"add\",\"a\":1,\"b\":2} | r-1 | UNSUPPORTED_OPERATION | operation 'add' is not served by the multiply topic",
        "missing a | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"b\":2} | r-1 | INVALID_REQUEST | a is required and must be a JSON integer within signed 64 bits",
        "fractional a | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1.5,\"b\":2} | r-1 | INVALID_REQUEST | a is required and must be a JSON integer within signed 64 bits",
        "integral fraction a | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":2.0,\"b\":2} | r-1 | INVALID_REQUEST | a is required and must be a JSON integer within signed 64 bits",
        "exponent b | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"b\":1e3} | r-1 | INVALID_REQUEST | b is required and must be a JSON integer within signed 64 bits",
        "string b | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"b\":\"2\"} | r-1 | INVALID_REQUEST | b is required and must be a JSON integer within signed 64 bits",
        "b past 64 bits | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1,\"b\":9223372036854775808} | r-1 | INVALID_REQUEST | b is required and must be a JSON integer within signed 64 bits",
        "null a | | {\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":null,\"b\":2} | r-1 | INVALID_REQUEST | a is required and must be a JSON integer within signed 64 bits",
    })
    void aRecordBreakingTheContractIsRejectedWithItsReason(
            String name, String key, String value, String answerId, ErrorCode code, String message) {
        ParsedRequest parsed = RequestParser.parse(key, value, Operation.MULTIPLY, RECORD_TIME);

        assertThat(parsed).isInstanceOfSatisfying(ParsedRequest.Invalid.class, invalid -> {
            assertThat(invalid.requestId()).isEqualTo(Optional.ofNullable(answerId));
            assertThat(invalid.error()).isEqualTo(new CalcError(code, message));
        });
    }

    @Test
    void aRejectionKeepsTheBatchIdAndSubmittedAtItCouldRead() {
        ParsedRequest parsed = RequestParser.parse(null, "{\"requestId\":\"r-1\",\"operation\":\"multiply\",\"a\":1.5,"
                + "\"b\":2,\"batchId\":\"b-1\",\"submittedAt\":\"2026-11-27T09:00:00Z\"}", Operation.MULTIPLY, RECORD_TIME);

        assertThat(parsed).isEqualTo(new ParsedRequest.Invalid(Optional.of("r-1"), "b-1",
                Instant.parse("2026-11-27T09:00:00Z"), new CalcError(ErrorCode.INVALID_REQUEST,
                        "a is required and must be a JSON integer within signed 64 bits")));
    }

    @Test
    void aRecordWithoutValueIsInvalidUnderItsKey() {
        assertThat(RequestParser.parse("r-1", (byte[]) null, Operation.ADD, RECORD_TIME)).isEqualTo(
                new ParsedRequest.Invalid(Optional.of("r-1"), null, RECORD_TIME,
                        new CalcError(ErrorCode.INVALID_REQUEST, "the record has no value")));
    }

    @Test
    void idsAreLimitedTo128CharactersOfTheContractCharset() {
        assertThat(RequestParser.isValidId("a".repeat(128))).isTrue();
        assertThat(RequestParser.isValidId("a".repeat(129))).isFalse();
        assertThat(RequestParser.isValidId("A-z_0.9:x")).isTrue();
        assertThat(RequestParser.isValidId("")).isFalse();
        assertThat(RequestParser.isValidId("é")).isFalse();
    }
}
