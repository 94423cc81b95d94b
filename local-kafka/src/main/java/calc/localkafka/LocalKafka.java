package calc.localkafka;

import calc.contract.KafkaConnection;
import calc.contract.TopicCreator;
import calc.contract.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka's own broker as one KRaft node (broker and controller) on 127.0.0.1. The data
 * folder is formatted on first start and reused afterwards, so a restart keeps every record.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private final KafkaRaftServer server;
    private final Settings settings;

    private LocalKafka(KafkaRaftServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Starts the broker and returns once it accepts clients; the contract's topics exist by then. */
    public static LocalKafka start(Settings settings) {
        Properties props = settings.brokerProperties();
        formatIfNew(settings.dataDir(), props, settings.security());
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        LocalKafka kafka = new LocalKafka(server, settings);
        try {
            TopicCreator.createMissing(kafka.adminConnection(), settings.topics());
            if (settings.security() != null) {
                ServiceAcls.apply(kafka.adminConnection(), settings.security(), settings.topics());
            }
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** How a client with every right connects: plain, or as the super user when the broker is secure. */
    public KafkaConnection adminConnection() {
        return settings.security() == null ? KafkaConnection.of(bootstrapServers())
                : settings.security().connection(bootstrapServers(), Security.ADMIN);
    }

    /** A broker on free ports in the given folder: what tests use. */
    public static LocalKafka startOnFreePorts(Path dataDir) {
        return start(Settings.defaults(dataDir).withPorts(freePort(), freePort()));
    }

    /** The same, with SASL SCRAM-SHA-512, the standard authorizer and the services' users and ACLs. */
    public static LocalKafka startOnFreePorts(Path dataDir, Security security) {
        return start(Settings.defaults(dataDir).withPorts(freePort(), freePort()).withSecurity(security));
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** Stops this broker and starts it again on the same ports and data: what a broker restart looks like to clients. */
    public LocalKafka restart() {
        close();
        return start(settings);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void formatIfNew(Path dataDir, Properties props, Security security) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.toAbsolutePath().getParent().resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "written by local-kafka when it formats the data folder");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            List<String> format = new ArrayList<>(List.of(
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()));
            if (security != null) {
                // The broker authenticates to itself as the super user before any other user can be created.
                format.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=" + Security.ADMIN + ",password="
                        + security.password(Security.ADMIN) + "]"));
            }
            int status = StorageTool.execute(format.toArray(String[]::new),
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (status != 0) {
                throw new IllegalStateException("cannot format " + dataDir + ": " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dataDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Settings for one node. {@code dataDir} holds the log segments; it must sit in a folder of
     * its own because the broker's properties file is written beside it.
     */
    public record Settings(Path dataDir, int port, int controllerPort, Topics topics, Security security) {

        public static Settings defaults(Path dataDir) {
            return new Settings(dataDir, 9092, 9093, Topics.defaults(), null);
        }

        public Settings withPorts(int newPort, int newControllerPort) {
            return new Settings(dataDir, newPort, newControllerPort, topics, security);
        }

        /** Clients must authenticate with SCRAM-SHA-512 and may do only what {@link ServiceAcls} allows. */
        public Settings withSecurity(Security newSecurity) {
            return new Settings(dataDir, port, controllerPort, topics, newSecurity);
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        Properties brokerProperties() {
            Map<String, String> config = new TreeMap<>();
            config.put("process.roles", "broker,controller");
            config.put("node.id", "1");
            config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            String listener = security == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
            config.put("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            config.put("advertised.listeners", listener + "://127.0.0.1:" + port);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("inter.broker.listener.name", listener);
            config.put("listener.security.protocol.map",
                    listener + ":" + listener + ",CONTROLLER:" + (security == null ? "PLAINTEXT" : "SASL_PLAINTEXT"));
            if (security != null) {
                config.putAll(security.brokerProperties());
            }
            config.put("log.dirs", dataDir.toAbsolutePath().toString());
            // One node: every internal topic has exactly one replica.
            config.put("offsets.topic.replication.factor", "1");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("offsets.topic.num.partitions", "12");
            config.put("transaction.state.log.num.partitions", "12");
            config.put("auto.create.topics.enable", "false");
            config.put("group.initial.rebalance.delay.ms", "0");
            // KIP-848 groups: members learn of a new assignment at their next heartbeat, so partitions
            // move within about 0.5 s when a member joins or leaves (Kafka's default: 5 s), and
            // a member that dies gives its partitions away after 10 s (default: 45 s).
            config.put("group.consumer.min.heartbeat.interval.ms", "250");
            config.put("group.consumer.heartbeat.interval.ms", "500");
            config.put("group.consumer.min.session.timeout.ms", "6000");
            config.put("group.consumer.session.timeout.ms", "10000");
            Properties props = new Properties();
            props.putAll(config);
            return props;
        }
    }

    /**
     * Runs the broker until the process is stopped. Keys, as system properties or environment
     * variables: {@code calc.kafka.data-dir} / CALC_KAFKA_DATA_DIR (default {@code .calc/kafka/data}),
     * {@code calc.kafka.port} / CALC_KAFKA_PORT (9092), {@code calc.kafka.controller-port} /
     * CALC_KAFKA_CONTROLLER_PORT (9093).
     */
    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(setting("calc.kafka.data-dir", ".calc/kafka/data"));
        Settings settings = Settings.defaults(dataDir).withPorts(
                Integer.parseInt(setting("calc.kafka.port", "9092")),
                Integer.parseInt(setting("calc.kafka.controller-port", "9093")));
        LocalKafka kafka = start(settings);
        log.info("Kafka is ready at {} with data in {}", kafka.bootstrapServers(), dataDir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        stopped.await();
    }

    private static String setting(String key, String fallback) {
        String env = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        return System.getProperty(key, env != null ? env : fallback);
    }
}
