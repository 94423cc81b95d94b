package calc.aggregator;

import calc.contract.CalcJson;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    static AggregatorApp startReady(String bootstrapServers, Path stateDir, String... extraArgs) {
        return startReady(new SpringApplicationBuilder(ResultAggregatorApplication.class), bootstrapServers, stateDir,
                extraArgs);
    }

    /** Same, with {@code clock} instead of the system clock as the "now" of its REST answers. */
    static AggregatorApp startReady(String bootstrapServers, Path stateDir, Clock clock) {
        return startReady(new SpringApplicationBuilder(ResultAggregatorApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock)),
                bootstrapServers, stateDir);
    }

    private static AggregatorApp startReady(SpringApplicationBuilder builder, String bootstrapServers, Path stateDir,
            String... extraArgs) {
        // Arguments, not builder properties: those are defaults that application.yml would override.
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--calc.kafka.bootstrap-servers=" + bootstrapServers,
                "--calc.aggregator.state-dir=" + stateDir,
                "--calc.aggregator.stream-threads=1",
                "--calc.aggregator.commit-interval=50ms",
                // A restarted instance waits for its predecessor's session to expire (45 s by default).
                "--calc.aggregator.streams[session.timeout.ms]=6000",
                "--calc.aggregator.streams[heartbeat.interval.ms]=1000"));
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
        AggregatorApp app = new AggregatorApp(context);
        Awaitility.await("readiness").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("/actuator/health/readiness").status() == 200);
        return app;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    Response send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    }

    /** Sends a request line no HTTP client would send (e.g. a malformed URL) and returns the raw response. */
    String raw(String requestLine) throws IOException {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
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
