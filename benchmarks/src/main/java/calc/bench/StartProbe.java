package calc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.TimeUnit;

/**
 * Starts one more instance of a service on the running system, alone, and times it from launch
 * to a 200 from its readiness probe; then stops it by its pid. ./calc up starts every service at
 * once, so its figures are how long each took with the others starting beside it on the same cores.
 */
final class StartProbe {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path root;
    private final String bootstrap;
    private final Path scratch;

    StartProbe(Path root, String bootstrap, Path scratch) {
        this.root = root;
        this.bootstrap = bootstrap;
        this.scratch = scratch;
    }

    record Start(long readyMs, long rssMb) {
    }

    /** {@code service} is a module name; its extra arguments keep the probe apart from the running instances. */
    Start time(String service, String... extraArgs) {
        return run(service, port -> null, extraArgs).start();
    }

    /** How long the service took to be ready, and what {@code whileReady} returned before it was stopped. */
    record Outcome<T>(Start start, T measured) {
    }

    /** As {@link #time}, then runs {@code whileReady} with the instance's port before stopping it. */
    <T> Outcome<T> run(String service, IntFunction<T> whileReady, String... extraArgs) {
        int port = freePort();
        // The heap ./calc gives the service.
        String heap = service.equals("result-aggregator") ? "-Xmx512m" : "-Xmx256m";
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", heap,
                "-jar", root.resolve(service).resolve("target").resolve(service + ".jar").toString(),
                "--server.port=" + port, "--calc.kafka.bootstrap-servers=" + bootstrap));
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(scratch);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve(service + "-start-probe.log").toFile()).start();
            try {
                boolean ready = Waiting.until(() -> !process.isAlive() || ready(port), Duration.ofMinutes(2));
                if (!ready || !process.isAlive()) {
                    throw new IllegalStateException(service + " did not become ready; see " + scratch);
                }
                long readyMs = (System.nanoTime() - started) / 1_000_000;
                long rss = Processes.rssMb(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
                return new Outcome<>(new Start(readyMs, rss), whileReady.apply(port));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean ready(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            // not listening yet
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
