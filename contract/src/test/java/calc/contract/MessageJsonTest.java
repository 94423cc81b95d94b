package calc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pins the JSON of results to the contract's example and to the JSON Schemas in docs/schemas. */
class MessageJsonTest {
    private static final WorkerIdentity WORKER = new WorkerIdentity("multiply-worker", "v1", "multiply-worker-1");
    private static final CalculationRequest REQUEST = new CalculationRequest("r-42", Operation.MULTIPLY, 6, 7,
            "demo-1", Instant.parse("2026-11-27T09:00:00.000Z"));

    @Test
    void anOkResultIsTheContractExample() {
        CalculationResult result = CalculationResult.ok(REQUEST, 42, WORKER, Instant.parse("2026-11-27T09:00:00.004Z"));

        assertThat(CalcJson.mapper().readTree(CalcJson.toBytes(result))).isEqualTo(CalcJson.mapper().readTree("""
                {"requestId": "r-42", "batchId": "demo-1", "operation": "multiply", "a": 6, "b": 7,
                 "status": "OK", "result": 42,
                 "worker": {"service": "multiply-worker", "version": "v1", "instance": "multiply-worker-1"},
                 "submittedAt": "2026-11-27T09:00:00Z", "completedAt": "2026-11-27T09:00:00.004Z"}"""));
    }

    @Test
    void anErrorResultCarriesTheErrorAndNoResult() {
        CalculationResult result = CalculationResult.failed(REQUEST,
                new CalcError(ErrorCode.OVERFLOW, "6 * 7 overflows 64 bits"), WORKER, Instant.parse("2026-11-27T09:00:01Z"));

        JsonNode json = CalcJson.mapper().readTree(CalcJson.toBytes(result));
        assertThat(json.get("status").asString()).isEqualTo("ERROR");
        assertThat(json.has("result")).isFalse();
        assertThat(json.get("error")).isEqualTo(CalcJson.mapper().readTree(
                "{\"code\":\"OVERFLOW\",\"message\":\"6 * 7 overflows 64 bits\"}"));
    }

    @Test
    void resultsReadBackEqualAndTolerateUnknownFields() {
        CalculationResult result = CalculationResult.ok(REQUEST, 42, WORKER, Instant.parse("2026-11-27T09:00:00.004Z"));
        String json = CalcJson.toString(result).replace("{\"requestId\"", "{\"future\":[1],\"requestId\"");

        assertThat(CalcJson.fromBytes(json.getBytes(), CalculationResult.class)).isEqualTo(result);
    }

    @Test
    void everyResultFieldIsInTheSchemaAndTheSchemaExamplesParse() throws Exception {
        JsonNode schema = schema("result.schema.json");
        Set<String> schemaFields = new HashSet<>(schema.get("properties").propertyNames());
        CalculationResult result = CalculationResult.ok(REQUEST, 42, WORKER, Instant.parse("2026-11-27T09:00:00.004Z"));

        assertThat(schemaFields).containsAll(CalcJson.mapper().readTree(CalcJson.toBytes(result)).propertyNames());
        for (JsonNode example : schema.get("examples")) {
            CalculationResult read = CalcJson.fromBytes(CalcJson.toBytes(example), CalculationResult.class);
            assertThat(CalcJson.mapper().readTree(CalcJson.toBytes(read))).isEqualTo(example.deepCopy()
                    .asObject().put("submittedAt", read.submittedAt().toString()));
        }
    }

    @Test
    void theRequestSchemaExamplesAreValidRequests() throws Exception {
        for (JsonNode example : schema("request.schema.json").get("examples")) {
            ParsedRequest parsed = RequestParser.parse(null, CalcJson.toBytes(example), null, Instant.EPOCH);
            assertThat(parsed).isInstanceOf(ParsedRequest.Valid.class);
        }
    }

    private static JsonNode schema(String name) throws Exception {
        return CalcJson.mapper().readTree(Files.readString(Path.of("..", "docs", "schemas", name)));
    }
}
