package calc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./calc status --json} against a stand-in aggregator and worker on loopback. */
class StatusTest {
    private HttpServer aggregator;

    @BeforeEach
    void startTheStandIn() throws IOException {
        aggregator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aggregator.createContext("/actuator/health/readiness", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        aggregator.createContext("/api/lag", exchange -> answer(exchange, 200,
                "{\"refreshedAt\":\"2026-12-05T10:00:00Z\",\"groups\":[{\"group\":\"multiply-worker\",\"members\":"
                        + "[{\"instance\":\"multiply-worker-1\",\"version\":\"v1\"}],\"totals\":{\"lag\":3}}]}"));
        aggregator.start();
    }

    @AfterEach
    void stop() {
        aggregator.stop(0);
    }

    @Test
    void everyProcessWithItsStateAndTheGroupsWithTheirLag() {
        // Given a broker, a ready aggregator, a worker that does not answer, and a stopped one
        int port = aggregator.getAddress().getPort();
        List<Status.Process> processes = List.of(
                Status.Process.parse("kafka:kafka:-:100:9092:true"),
                Status.Process.parse("result-aggregator:result-aggregator:-:101:" + port + ":true"),
                Status.Process.parse("multiply-worker-1:multiply-worker:v1:102:1:true"),
                Status.Process.parse("add-worker-1:add-worker:v1:103:2:false"));

        // When the status is read
        JsonNode status = JsonMapper.builder().build().readTree(Status.of(processes, new Http()).toJson());

        // Then each process has its state and URL, and the groups are the aggregator's
        assertThat(status.path("processes").findValuesAsString("state"))
                .containsExactly("ready", "ready", "starting", "stopped");
        assertThat(status.path("processes").get(1).path("url").asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(status.path("processes").get(2).path("version").asString()).isEqualTo("v1");
        assertThat(status.path("processes").get(0).path("port").asInt()).isEqualTo(9092);
        assertThat(status.path("processes").get(0).path("url").isNull()).isTrue();
        assertThat(status.path("aggregators").get(0).asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(status.path("lagRefreshedAt").asString()).isEqualTo("2026-12-05T10:00:00Z");
        assertThat(status.path("groups").get(0).path("members").get(0).path("instance").asString())
                .isEqualTo("multiply-worker-1");
    }

    @Test
    void aProcessLineThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> Status.Process.parse("kafka:1"))
                .hasMessage("a process is name:service:version:pid:port:alive, not kafka:1");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
