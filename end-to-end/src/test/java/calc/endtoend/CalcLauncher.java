package calc.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the repository's ./calc script with its own state folder and ports, as a user would run it. */
final class CalcLauncher {
    private static final Path SCRIPT = Path.of("..", "calc").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, String> environment;
    private final Path home;

    CalcLauncher(Path home, int portBase) {
        this(home, portBase, Map.of());
    }

    /** {@code settings} (environment variables of ./calc) win over the ports derived from {@code portBase}. */
    CalcLauncher(Path home, int portBase, Map<String, String> settings) {
        this.home = home;
        this.environment = new java.util.HashMap<>();
        // The rollout's latency gate at x10: these tests check how rollouts and rollbacks behave,
        // and a test machine shared with other builds makes a cold canary a few times slower on its
        // own. A bad canary is still caught by its errors, lag and a slowdown of x30 and more.
        this.environment.put("CALC_AGGREGATOR_ROLLOUT_LATENCY_RATIO", "10");
        this.environment.putAll(Map.of(
                "CALC_HOME", home.toString(),
                "CALC_BUILD", "never",
                "CALC_KAFKA_PORT", Integer.toString(portBase),
                "CALC_KAFKA_CONTROLLER_PORT", Integer.toString(portBase + 1),
                "CALC_AGGREGATOR_PORT", Integer.toString(portBase + 2),
                "CALC_PRODUCER_PORT", Integer.toString(portBase + 3),
                "CALC_WORKER_PORT_BASE", Integer.toString(portBase + 10),
                "CALC_DEMO_COUNT", "2000",
                "CALC_DEMO_BAKE", "5"));
        this.environment.putAll(settings);
    }

    Result run(String... args) {
        Background started = start(args);
        return started.await();
    }

    /** Starts ./calc with these arguments without waiting for it, as a user's second terminal would. */
    Background start(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(home.getParent(), "calc-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            return new Background(builder.start(), output, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ./calc command that may still be running. */
    record Background(Process process, Path output, String args) {

        /** Stops the command and what it started in the foreground (./calc load runs a java process). */
        void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }

        Result await() {
            try {
                if (!process.waitFor(6, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException("./calc " + args + " did not finish in 6 minutes");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A GET of the aggregator this ./calc started, as a caller would make it. */
    HttpResponse<String> aggregator(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.get("CALC_AGGREGATOR_PORT")
                + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL of a process ./calc started, and back once it is gone, so that ./calc sees it gone. */
    void kill(String name) throws Exception {
        long pid = pidsByName().get(name);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** The pids ./calc recorded for the processes it started. */
    List<Long> pids() {
        return List.copyOf(pidsByName().values());
    }

    /** The same by process name (kafka, multiply-worker-1, ...). */
    Map<String, Long> pidsByName() {
        return readFolder(home.resolve("pids"), text -> Long.parseLong(text.trim())).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().replaceFirst("\\.pid$", ""), Map.Entry::getValue));
    }

    /** Each worker member in ./calc's registry with the version it runs. */
    Map<String, String> memberVersions() {
        return readFolder(home.resolve("members"), text -> text.trim().split(" ")[1]);
    }

    private static <T> Map<String, T> readFolder(Path folder, Function<String, T> parse) {
        if (!Files.isDirectory(folder)) {
            return Map.of();
        }
        try (var files = Files.list(folder)) {
            return files.collect(Collectors.toMap(file -> file.getFileName().toString(), file -> {
                try {
                    return parse.apply(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exitCode, String output) {
    }
}
