package calc.multiply;

import calc.worker.testkit.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** multiply-worker instances as processes of their own on one broker, each logging to {@code <instance>.log}; closes them all. */
final class WorkerProcesses implements AutoCloseable {
    private static final Path JAR = Path.of("target", "multiply-worker.jar");

    private final Path logs;
    private final String bootstrapServers;
    private final List<ServiceProcess> started = new ArrayList<>();

    WorkerProcesses(Path logs, String bootstrapServers) {
        this.logs = logs;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts an instance with a free management port; {@code settings} are further {@code --key=value} arguments. */
    ServiceProcess start(String instance, String... settings) {
        List<String> args = new ArrayList<>(List.of("--calc.kafka.bootstrap-servers=" + bootstrapServers,
                "--calc.worker.instance-id=" + instance, "--server.port=0"));
        args.addAll(List.of(settings));
        ServiceProcess process = ServiceProcess.start(JAR, logs.resolve(instance + ".log"), args.toArray(String[]::new));
        started.add(process);
        return process;
    }

    @Override
    public void close() {
        started.forEach(ServiceProcess::close);
    }
}
