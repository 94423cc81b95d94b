package calc.aggregator;

import calc.contract.CalcJson;
import calc.worker.testkit.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator's jar run as a process of its own, one instance of an application among others,
 * so that a test can kill it with SIGKILL as a crash would; with a small HTTP client for it.
 */
final class AggregatorProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path JAR = Path.of(System.getProperty("calc.aggregator.jar", "target/result-aggregator.jar"));

    private final int port;
    private final ServiceProcess process;

    private AggregatorProcess(int port, ServiceProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts instance {@code instanceId} of {@code applicationId} on a free port (or {@code port} if above 0). */
    static AggregatorProcess start(String bootstrapServers, Path dir, String applicationId, String instanceId, int port,
            String... extraArgs) {
        int chosen = port > 0 ? port : freePort();
        List<String> args = new ArrayList<>(List.of("--server.port=" + chosen,
                "--calc.kafka.bootstrap-servers=" + bootstrapServers,
                "--calc.aggregator.application-id=" + applicationId,
                "--calc.aggregator.instance-id=" + instanceId,
                "--calc.aggregator.state-dir=" + dir.resolve(instanceId + "-state"),
                "--calc.aggregator.commit-interval=50ms"));
        args.addAll(List.of(extraArgs));
        return new AggregatorProcess(chosen, ServiceProcess.start(JAR, dir.resolve(instanceId + ".log"),
                args.toArray(String[]::new)));
    }

    AggregatorProcess awaitReady() {
        Awaitility.await("readiness of the aggregator on port " + port).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the aggregator exited:\n" + process.log());
                    }
                    return readiness() == 200;
                });
        return this;
    }

    private int readiness() {
        try {
            return get("/actuator/health/readiness").status();
        } catch (IOException e) {
            return 0;
        }
    }

    int port() {
        return port;
    }

    /** How the other instances name this one: its application.server. */
    String name() {
        return "127.0.0.1:" + port;
    }

    Response get(String path) throws IOException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build());
    }

    Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("X-Calc-Served-By").orElse(null),
                    response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    String log() {
        return process.log();
    }

    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One answer: status, the instance that served it (results only), body. */
    record Response(int status, String servedBy, String body) {
        JsonNode json() {
            return CalcJson.mapper().readTree(body);
        }
    }
}
