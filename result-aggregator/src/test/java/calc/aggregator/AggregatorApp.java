package calc.aggregator;

import calc.contract.CalcJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The aggregator application started for a test on a random port, and a small HTTP client for it. */
final class AggregatorApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private AggregatorApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts the application and returns once it is ready (Kafka Streams RUNNING). */
    static AggregatorApp startReady(String bootstrapServers, Path stateDir) {
        // Arguments, not builder properties: those are defaults that application.yml would override.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ResultAggregatorApplication.class).run(
                "--server.port=0",
                "--calc.kafka.bootstrap-servers=" + bootstrapServers,
                "--calc.aggregator.state-dir=" + stateDir,
                "--calc.aggregator.stream-threads=1",
                "--calc.aggregator.commit-interval=50ms",
                // A restarted instance waits for its predecessor's session to expire (45 s by default).
                "--calc.aggregator.streams[session.timeout.ms]=6000",
                "--calc.aggregator.streams[heartbeat.interval.ms]=1000");
        AggregatorApp app = new AggregatorApp(context);
        Awaitility.await("readiness").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("/actuator/health/readiness").status() == 200);
        return app;
    }

    Response get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    @Override
    public void close() {
        context.close();
    }

    record Response(int status, String contentType, String body) {
        JsonNode json() {
            return CalcJson.mapper().readTree(body);
        }
    }
}
