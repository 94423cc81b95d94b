package calc.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import calc.contract.Operation;
import calc.contract.Topics;
import calc.localkafka.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The verdict sees the lag of the service's consumer group grow while nobody commits, against a real broker. */
class LagGrowthIT {
    private static final String GROUP = "multiply-worker";
    private static final String QUERY = "/api/rollout/verdict?service=" + GROUP + "&baseline=v1&canary=v2&window=1m";
    private static final int REQUESTS = 1500;

    @TempDir
    Path dir;

    @Test
    void requestsThatNobodyCommitsMakeTheVerdictFailOnLagGrowth() throws Exception {
        try (LocalKafka kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka/data"));
                AggregatorApp app = AggregatorApp.startReady(kafka.bootstrapServers(), dir.resolve("aggregator-state"));
                KafkaWriter kafkaWriter = new KafkaWriter(kafka.bootstrapServers())) {
            // Given the multiply-worker group committed offset 0 once on its empty topic, and the sampler saw it
            GroupOffsets.commitStart(kafka.bootstrapServers(), GROUP, Topics.defaults().requests(Operation.MULTIPLY).name());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(app.get(QUERY).json().get("lag")).isEqualTo(json("""
                            {"group":"multiply-worker","atStart":0,"now":0,"growth":0}""")));

            // When 1500 requests arrive and no member of the group commits
            kafkaWriter.requests(Operation.MULTIPLY, requests());

            // Then the verdict reports the growth and fails on it
            JsonNode expected = json("""
                    {"verdict":"FAIL",
                     "reasons":["lag of group multiply-worker grew by 1500 records in the window (from 0 to 1500), more than the 500 allowed, and is above 1000",
                                "error rate and latency gates skipped: baseline v1 has 0 results in the window, fewer than 50"],
                     "service":"multiply-worker","windowSeconds":60,
                     "baseline":{"version":"v1","requests":0,"ok":0,"errors":0,"errorRate":0.0,"mismatches":0,
                                 "latencyMs":{"p50":null,"p95":null,"p99":null}},
                     "canary":{"version":"v2","requests":0,"ok":0,"errors":0,"errorRate":0.0,"mismatches":0,
                               "latencyMs":{"p50":null,"p95":null,"p99":null}},
                     "latency":{"test":"mann-whitney-u","pValue":null,"ratioP50":null,"ratioP99":null},
                     "lag":{"group":"multiply-worker","atStart":0,"now":1500,"growth":1500}}""");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.get(QUERY).json()).isEqualTo(expected));
        }
    }

    private static Map<String, String> requests() {
        Map<String, String> requests = new LinkedHashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.put("lag-" + i, "{\"requestId\":\"lag-" + i + "\",\"operation\":\"multiply\",\"a\":6,\"b\":" + i + "}");
        }
        return requests;
    }

    private static JsonNode json(String text) {
        return CalcJson.mapper().readTree(text);
    }
}
