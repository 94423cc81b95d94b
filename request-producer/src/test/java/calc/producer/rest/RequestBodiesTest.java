package calc.producer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void absentRequestIdAndSubmittedAtAreFilledIn() {
        // When
        byte[] completed = complete("{\"operation\":\"multiply\",\"a\":6,\"b\":7,\"extra\":true}");

        // Then
        assertThat(json(completed)).isEqualTo(Map.of("operation", "multiply", "a", 6, "b", 7, "extra", true,
                "requestId", "generated-1", "submittedAt", "2026-11-27T09:00:00.000Z"));
    }

    @Test
    void nullFieldsCountAsAbsent() {
        assertThat(json(complete("{\"requestId\":null,\"submittedAt\":null}")))
                .isEqualTo(Map.of("requestId", "generated-1", "submittedAt", "2026-11-27T09:00:00.000Z"));
    }

    @Test
    void givenFieldsAreKeptEvenWhenInvalidSoThatTheParserRejectsThem() {
        assertThat(json(complete("{\"requestId\":\"bad id\",\"submittedAt\":5}")))
                .isEqualTo(Map.of("requestId", "bad id", "submittedAt", 5));
    }

    @Test
    void whatIsNotAJsonObjectIsLeftUntouched() {
        for (String body : new String[] {"not json", "[1,2]", "42", ""}) {
            assertThat(new String(complete(body), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    private static byte[] complete(String body) {
        return RequestBodies.complete(body.getBytes(StandardCharsets.UTF_8), () -> "generated-1", NOW);
    }

    private static Object json(byte[] bytes) {
        return CalcJson.mapper().readValue(bytes, Map.class);
    }
}
