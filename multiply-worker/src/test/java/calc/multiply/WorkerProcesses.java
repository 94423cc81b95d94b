package calc.multiply;

import calc.localkafka.LocalKafka;
import calc.localkafka.Security;
import calc.worker.testkit.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's local broker and the multiply-worker instances it runs on it, each a process of its
 * own logging to {@code <instance>.log} beside the broker's data. After each test the workers
 * stop, then the broker.
 */
final class WorkerProcesses implements AfterEachCallback {
    private static final Path JAR = Path.of("target", "multiply-worker.jar");

    private final List<ServiceProcess> started = new ArrayList<>();
    private Path logs;
    private LocalKafka kafka;

    /** Starts a broker on free ports with its data in {@code state}. */
    LocalKafka startBroker(Path state) {
        return use(state, LocalKafka.startOnFreePorts(state.resolve("kafka/data")));
    }

    /** The same, with SASL SCRAM, the standard authorizer and the services' users and ACLs. */
    LocalKafka startBroker(Path state, Security security) {
        return use(state, LocalKafka.startOnFreePorts(state.resolve("kafka/data"), security));
    }

    /** Stops the broker and starts it again on the same ports and data. */
    LocalKafka restartBroker() {
        kafka = kafka.restart();
        return kafka;
    }

    LocalKafka kafka() {
        return kafka;
    }

    /** Starts an instance with a free management port; {@code settings} are further {@code --key=value} arguments. */
    ServiceProcess start(String instance, String... settings) {
        List<String> args = new ArrayList<>(List.of("--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--calc.worker.instance-id=" + instance, "--server.port=0"));
        args.addAll(List.of(settings));
        ServiceProcess process = ServiceProcess.start(JAR, logs.resolve(instance + ".log"), args.toArray(String[]::new));
        started.add(process);
        return process;
    }

    void stopWorkers() {
        started.forEach(ServiceProcess::close);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            stopWorkers();
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private LocalKafka use(Path state, LocalKafka broker) {
        logs = state;
        kafka = broker;
        return broker;
    }
}
