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
 * to a 200 from its readiness probe, run as ./calc runs it (from its class-data sharing archive
 * when there is a current one); then stops it by its pid. ./calc up starts every service at
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
        try (Launched launched = launch(service, extraArgs)) {
            Start start = launched.awaitReady();
            return new Outcome<>(start, whileReady.apply(launched.port()));
        }
    }

    /** Starts the service without waiting; {@link Launched#close} stops it by its pid. */
    Launched launch(String service, String... extraArgs) {
        int port = freePort();
        // The heap ./calc gives the service.
        String heap = service.equals("result-aggregator") ? "-Xmx512m" : "-Xmx256m";
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", heap));
        if (service.equals("result-aggregator")) {
            // Its bean definitions generated at build time, as ./calc runs it.
            command.add("-Dspring.aot.enabled=true");
        }
        command.addAll(jarArguments(root.resolve(service).resolve("target"), service));
        command.addAll(List.of("--server.port=" + port, "--calc.kafka.bootstrap-servers=" + bootstrap));
        command.addAll(List.of(extraArgs));
        try {
            Files.createDirectories(scratch);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(scratch.resolve(service + "-" + port + "-start-probe.log").toFile()).start();
            Launched launched = new Launched(service, process, port, started);
            // A run cut short (Ctrl-C on ./calc bench) still stops what it started.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, service + "-probe-stop"));
            return launched;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service this probe started. */
    final class Launched implements AutoCloseable {
        private final String service;
        private final Process process;
        private final int port;
        private final long startedNanos;

        private Launched(String service, Process process, int port, long startedNanos) {
            this.service = service;
            this.process = process;
            this.port = port;
            this.startedNanos = startedNanos;
        }

        int port() {
            return port;
        }

        /** How long it took from launch to ready, and its RSS then. */
        Start awaitReady() {
            boolean ready = Waiting.until(() -> !process.isAlive() || ready(port), Duration.ofMinutes(2));
            if (!ready || !process.isAlive()) {
                throw new IllegalStateException(service + " did not become ready; see " + scratch);
            }
            return new Start((System.nanoTime() - startedNanos) / 1_000_000, rssMb());
        }

        /** RSS now, in MB. */
        long rssMb() {
            try {
                return Processes.rssMb(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** As ./calc runs a service: from its class-data sharing archive when ./calc up made a current one. */
    private static List<String> jarArguments(Path target, String service) {
        Path jar = target.resolve(service + ".jar");
        Path archive = target.resolve("cds").resolve("app.jsa");
        try {
            if (Files.exists(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                        "-jar", target.resolve("cds").resolve("app").resolve(service + ".jar").toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-jar", jar.toString());
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
