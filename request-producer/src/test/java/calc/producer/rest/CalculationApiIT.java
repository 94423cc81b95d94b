package calc.producer.rest;

import static calc.producer.rest.Http.error;
import static calc.producer.rest.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import calc.producer.RequestProducerApplication;
import calc.producer.RequestRecords;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The REST API against a real broker: what a 202 puts on Kafka, and the JSON of every refusal. */
class CalculationApiIT {
    private static final Topics TOPICS = Topics.defaults();

    @TempDir
    static Path state;

    static LocalKafka kafka;
    static ConfigurableApplicationContext app;
    static Http http;
    static RequestRecords records;

    @BeforeAll
    static void start() {
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
        app = new SpringApplicationBuilder(RequestProducerApplication.class).run("--server.port=0",
                "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--calc.producer.aggregator-url=http://aggregator.test:8080/");
        http = new Http(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        records = new RequestRecords(kafka.bootstrapServers(), TOPICS);
    }

    @AfterAll
    static void stop() {
        if (records != null) {
            records.close();
        }
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anAcceptedRequestIsOnItsOperationsTopicAsContractJsonKeyedByRequestId() throws Exception {
        // Given
        String body = """
                {"requestId": "rest-it-1", "operation": "multiply", "a": 6, "b": 7, "batchId": "x",
                 "submittedAt": "2026-11-27T10:00:00.5+01:00", "note": "unknown fields are ignored"}""";

        // When
        HttpResponse<String> response = http.postJson(body);

        // Then
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response.body())).isEqualTo(Map.of(
                "requestId", "rest-it-1", "resultUrl", "http://aggregator.test:8080/api/results/rest-it-1"));
        List<ConsumerRecord<String, byte[]>> published = records.withKey("rest-it-1");
        assertThat(published).hasSize(1);
        assertThat(published.get(0).topic()).isEqualTo(TOPICS.multiplyRequests());
        assertThat(json(published.get(0).value())).isEqualTo(Map.of("requestId", "rest-it-1", "operation", "multiply",
                "a", 6, "b", 7, "batchId", "x", "submittedAt", "2026-11-27T09:00:00.500Z"));
    }

    @Test
    void aRequestWithoutIdGetsAGeneratedIdAndTheTimeOfSubmission() throws Exception {
        // Given
        Instant before = Instant.now().minusMillis(1);

        // When
        HttpResponse<String> response = http.postJson("{\"operation\":\"add\",\"a\":-9223372036854775808,\"b\":9223372036854775807}");

        // Then
        assertThat(response.statusCode()).isEqualTo(202);
        String requestId = (String) json(response.body()).get("requestId");
        assertThat(requestId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(json(response.body())).isEqualTo(Map.of(
                "requestId", requestId, "resultUrl", "http://aggregator.test:8080/api/results/" + requestId));
        List<ConsumerRecord<String, byte[]>> published = records.withKey(requestId);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).topic()).isEqualTo(TOPICS.addRequests());
        Map<String, Object> value = new HashMap<>(json(published.get(0).value()));
        String submittedAt = (String) value.remove("submittedAt");
        assertThat(submittedAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(submittedAt)).isBetween(before, Instant.now());
        assertThat(value).isEqualTo(Map.of("requestId", requestId, "operation", "add",
                "a", Long.MIN_VALUE, "b", Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON           | multiply 6 by 7                                  | INVALID_REQUEST       | the value is not JSON",
        "not an object      | [6, 7]                                           | INVALID_REQUEST       | the value is not a JSON object",
        "fractional a       | {\"operation\":\"add\",\"a\":1.5,\"b\":2}        | INVALID_REQUEST       | a is required and must be a JSON integer within signed 64 bits",
        "a as string        | {\"operation\":\"add\",\"a\":\"6\",\"b\":2}      | INVALID_REQUEST       | a is required and must be a JSON integer within signed 64 bits",
        "exponent           | {\"operation\":\"add\",\"a\":1,\"b\":1e3}        | INVALID_REQUEST       | b is required and must be a JSON integer within signed 64 bits",
        "out of range       | {\"operation\":\"add\",\"a\":9223372036854775808,\"b\":1} | INVALID_REQUEST | a is required and must be a JSON integer within signed 64 bits",
        "missing b          | {\"operation\":\"add\",\"a\":1}                  | INVALID_REQUEST       | b is required and must be a JSON integer within signed 64 bits",
        "missing operation  | {\"a\":1,\"b\":2}                                | INVALID_REQUEST       | operation is required and must be a string",
        "unknown operation  | {\"operation\":\"divide\",\"a\":1,\"b\":2}       | UNSUPPORTED_OPERATION | operation 'divide' is not supported (multiply, add)",
        "bad requestId      | {\"requestId\":\"r 42/x\",\"operation\":\"add\",\"a\":1,\"b\":2} | INVALID_REQUEST | requestId must be 1-128 characters of [A-Za-z0-9._:-]",
        "bad batchId        | {\"batchId\":\"ü\",\"operation\":\"add\",\"a\":1,\"b\":2} | INVALID_REQUEST | batchId must be 1-128 characters of [A-Za-z0-9._:-]",
        "bad submittedAt    | {\"submittedAt\":\"yesterday\",\"operation\":\"add\",\"a\":1,\"b\":2} | INVALID_REQUEST | submittedAt must be an RFC 3339 timestamp",
        "a field twice      | {\"operation\":\"add\",\"a\":1,\"a\":9,\"b\":2} | INVALID_REQUEST      | the value is not JSON: a field appears twice",
    })
    void anInvalidBodyIsRefusedWithTheContractsReasonAndNothingIsPublished(
            String why, String body, String code, String message) throws Exception {
        // Given
        long recordsBefore = records.total();

        // When
        HttpResponse<String> response = http.postJson(body);

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response.body())).isEqualTo(error(code, message));
        assertThat(records.total()).isEqualTo(recordsBefore);
    }

    @Test
    void aBodyOverSixteenKilobytesIsRefused413AndNothingIsPublished() throws Exception {
        // Given a valid request padded past the limit, once with its length declared and once chunked
        long recordsBefore = records.total();
        String body = padded("{\"operation\":\"add\",\"a\":1,\"b\":2}", 16 * 1024 + 1);

        // When
        HttpResponse<String> declared = http.postJson(body);
        HttpResponse<String> chunked = http.postChunked(body);

        // Then both are refused as JSON before anything is published
        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json(response.body())).isEqualTo(
                    error("INVALID_REQUEST", "the request body is larger than 16384 bytes"));
        }
        assertThat(records.total()).isEqualTo(recordsBefore);
    }

    @Test
    void aBodyOfExactlySixteenKilobytesIsAccepted() throws Exception {
        HttpResponse<String> response = http.postJson(padded("{\"operation\":\"add\",\"a\":1,\"b\":2}", 16 * 1024));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    /** The JSON followed by spaces up to {@code length} bytes: still the same, valid JSON. */
    private static String padded(String json, int length) {
        return json + " ".repeat(length - json.length());
    }

    @Test
    void anEmptyBodyIsRefusedAsJson() throws Exception {
        HttpResponse<String> response = http.postJson("");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body())).isEqualTo(error("INVALID_REQUEST", "the value is not a JSON object"));
    }

    @Test
    void aBodyThatIsNotDeclaredAsJsonIsRefusedAsJson() throws Exception {
        HttpResponse<String> response = http.post("/api/calculations", "text/plain", "{\"operation\":\"add\",\"a\":1,\"b\":2}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response.body())).isEqualTo(
                error("INVALID_REQUEST", "the body must be JSON (Content-Type: application/json)"));
    }

    @Test
    void aCallerThatAcceptsNoJsonIsRefusedBeforeAnythingIsPublished() throws Exception {
        // Given
        long recordsBefore = records.total();

        // When a valid request comes from a caller that accepts only HTML
        HttpResponse<String> response = http.post("/api/calculations", "application/json", "text/html",
                "{\"operation\":\"add\",\"a\":1,\"b\":2}");

        // Then it is refused and nothing is published
        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(records.total()).isEqualTo(recordsBefore);
    }

    @Test
    void theErrorPageAskedForByItsPathIsNotFound() throws Exception {
        // When
        HttpResponse<String> response = http.get("/error");

        // Then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body())).isEqualTo(error("NOT_FOUND", "no resource at /error"));
    }

    @Test
    void unknownPathsAndMethodsAnswerWithJsonErrors() throws Exception {
        HttpResponse<String> unknown = http.get("/api/nothing-here");
        HttpResponse<String> wrongMethod = http.get("/api/calculations");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body())).isEqualTo(error("NOT_FOUND", "no resource at /api/nothing-here"));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod.body())).containsOnlyKeys("error");
        assertThat(json(wrongMethod.body()).get("error")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", "INVALID_REQUEST").containsKey("message");
    }

    @Test
    void aRequestTomcatRefusesBeforeSpringSeesItIsAnsweredWithJsonToo() throws Exception {
        // When
        String response = http.raw("GET /api/%zz HTTP/1.1");

        // Then
        String[] headAndBody = response.split("\r\n\r\n", 2);
        assertThat(headAndBody[0]).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/json");
        assertThat(json(headAndBody[1])).isEqualTo(error("INVALID_REQUEST", "Bad Request"));
    }

    @Test
    void probesAreUpAndPrometheusServesTheRequestCounters() throws Exception {
        // Given: at least one accepted request
        assertThat(http.postJson("{\"operation\":\"add\",\"a\":1,\"b\":2}").statusCode()).isEqualTo(202);

        // When
        HttpResponse<String> liveness = http.get("/actuator/health/liveness");
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        HttpResponse<String> prometheus = http.get("/actuator/prometheus");

        // Then
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness.body())).isEqualTo(Map.of("status", "UP"));
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness.body())).isEqualTo(Map.of("status", "UP"));
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .containsPattern("calc_producer_requests_total\\{application=\"request-producer\",outcome=\"accepted\"} [1-9]")
                .contains("kafka_producer_record_send_total");
    }
}
