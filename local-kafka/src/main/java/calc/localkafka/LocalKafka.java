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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka's own broker as one KRaft node (broker and controller) on 127.0.0.1, alone or as
 * one node of a local cluster. The data folder is formatted on first start and reused
 * afterwards, so a restart keeps every record. In a cluster, topics get up to three replicas and
 * writes need two in sync, so the cluster keeps taking writes while one node is down.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final long JOIN_TIMEOUT_SECONDS = 120;

    private final KafkaRaftServer server;
    private final Settings settings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalKafka(KafkaRaftServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** Starts the broker and returns once it accepts clients; the contract's topics exist by then. */
    public static LocalKafka start(Settings settings) {
        Properties props = settings.brokerProperties();
        formatIfNew(settings, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        LocalKafka kafka = new LocalKafka(server, settings);
        try {
            // Topics are created with every replica they need, so only once every node has joined.
            awaitBrokers(kafka.adminConnection(), settings.nodes());
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

    /**
     * A cluster of {@code nodes} nodes on free ports, node i in {@code dir/kafka-i/data}, started
     * together: a node's start returns only once every node has joined.
     */
    public static List<LocalKafka> startClusterOnFreePorts(Path dir, int nodes) {
        List<Integer> quorumPorts = new ArrayList<>();
        for (int node = 1; node <= nodes; node++) {
            quorumPorts.add(freePort());
        }
        String clusterId = Uuid.randomUuid().toString();
        ExecutorService starters = Executors.newFixedThreadPool(nodes);
        List<LocalKafka> cluster = new ArrayList<>();
        try {
            List<Future<LocalKafka>> starting = new ArrayList<>();
            for (int node = 1; node <= nodes; node++) {
                Settings settings = Settings.defaults(dir.resolve("kafka-" + node).resolve("data"))
                        .withPorts(freePort(), quorumPorts.get(node - 1)).inCluster(node, quorumPorts, clusterId);
                starting.add(starters.submit(() -> start(settings)));
            }
            for (Future<LocalKafka> node : starting) {
                cluster.add(node.get(JOIN_TIMEOUT_SECONDS + 60, TimeUnit.SECONDS));
            }
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeAll(cluster);
            throw new IllegalStateException("interrupted while starting the cluster", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            closeAll(cluster);
            throw new IllegalStateException("the cluster of " + nodes + " did not start", e);
        } finally {
            starters.shutdownNow();
        }
    }

    /**
     * Stops every node at once: a node stopped after the others have gone waits for a controller
     * quorum that is no longer there before it gives up.
     */
    public static void closeAll(List<LocalKafka> cluster) {
        ExecutorService stoppers = Executors.newFixedThreadPool(Math.max(1, cluster.size()));
        try {
            stoppers.invokeAll(cluster.stream().<Callable<Void>>map(node -> () -> {
                node.close();
                return null;
            }).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the cluster", e);
        } finally {
            stoppers.shutdownNow();
        }
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** Stops this broker and starts it again on the same ports and data: what a broker restart looks like to clients. */
    public LocalKafka restart() {
        close();
        return startAgain();
    }

    /** Starts this node again, once closed, on the same ports and data. */
    public LocalKafka startAgain() {
        return start(settings);
    }

    /** Stops the node; closing it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static void awaitBrokers(KafkaConnection connection, int nodes) {
        try (Admin admin = Admin.create(connection.clientConfig())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOIN_TIMEOUT_SECONDS);
            while (admin.describeCluster().nodes().get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).size() < nodes) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + nodes + " brokers joined the cluster within "
                            + JOIN_TIMEOUT_SECONDS + " s: start every node (./calc up starts them all)");
                }
                // The broker has no way to announce that another node joined.
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the other brokers", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe the cluster at " + connection.bootstrapServers(), e);
        }
    }

    private static void formatIfNew(Settings settings, Properties props) {
        Path dataDir = settings.dataDir();
        Security security = settings.security();
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
                    "format", "--cluster-id=" + settings.clusterId(), "--config", config.toString()));
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
     * its own because the broker's properties file is written beside it. Node {@code nodeId}
     * (from 1) of a cluster runs its controller on the {@code nodeId}-th of {@code controllerPorts},
     * which name every node's; all of them are formatted with the same {@code clusterId}.
     */
    public record Settings(Path dataDir, int port, int nodeId, List<Integer> controllerPorts, String clusterId,
            Topics topics, Security security) {

        public Settings {
            controllerPorts = List.copyOf(controllerPorts);
            if (nodeId < 1 || nodeId > controllerPorts.size()) {
                throw new IllegalArgumentException("node " + nodeId + " is not one of the "
                        + controllerPorts.size() + " nodes with a controller port");
            }
        }

        public static Settings defaults(Path dataDir) {
            return new Settings(dataDir, 9092, 1, List.of(9093), Uuid.randomUuid().toString(), Topics.defaults(), null);
        }

        /** A node alone: its own controller is the whole quorum. */
        public Settings withPorts(int newPort, int newControllerPort) {
            return new Settings(dataDir, newPort, 1, List.of(newControllerPort), clusterId, topics, security);
        }

        /** Node {@code newNodeId} of the cluster whose nodes run their controllers on {@code quorumPorts}. */
        public Settings inCluster(int newNodeId, List<Integer> quorumPorts, String newClusterId) {
            return new Settings(dataDir, port, newNodeId, quorumPorts, newClusterId, topics, security);
        }

        /** Clients must authenticate with SCRAM-SHA-512 and may do only what {@link ServiceAcls} allows. */
        public Settings withSecurity(Security newSecurity) {
            return new Settings(dataDir, port, nodeId, controllerPorts, clusterId, topics, newSecurity);
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        int nodes() {
            return controllerPorts.size();
        }

        int controllerPort() {
            return controllerPorts.get(nodeId - 1);
        }

        /** Replicas of every topic: up to three, one per node. */
        int replicas() {
            return Math.min(nodes(), 3);
        }

        /** Replicas that must have a write before it counts: all but one, so a cluster survives losing a node. */
        int minInSyncReplicas() {
            return Math.max(1, replicas() - 1);
        }

        Properties brokerProperties() {
            Map<String, String> config = new TreeMap<>();
            config.put("process.roles", "broker,controller");
            config.put("node.id", Integer.toString(nodeId));
            List<String> voters = new ArrayList<>();
            for (int node = 1; node <= nodes(); node++) {
                voters.add(node + "@127.0.0.1:" + controllerPorts.get(node - 1));
            }
            config.put("controller.quorum.voters", String.join(",", voters));
            String listener = security == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
            config.put("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort());
            config.put("advertised.listeners", listener + "://127.0.0.1:" + port);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("inter.broker.listener.name", listener);
            config.put("listener.security.protocol.map",
                    listener + ":" + listener + ",CONTROLLER:" + (security == null ? "PLAINTEXT" : "SASL_PLAINTEXT"));
            if (security != null) {
                config.putAll(security.brokerProperties());
            }
            config.put("log.dirs", dataDir.toAbsolutePath().toString());
            String replicas = Integer.toString(replicas());
            String minInSync = Integer.toString(minInSyncReplicas());
            config.put("default.replication.factor", replicas);
            config.put("min.insync.replicas", minInSync);
            config.put("offsets.topic.replication.factor", replicas);
            config.put("transaction.state.log.replication.factor", replicas);
            config.put("transaction.state.log.min.isr", minInSync);
            config.put("share.coordinator.state.topic.replication.factor", replicas);
            config.put("share.coordinator.state.topic.min.isr", minInSync);
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
            // Kafka 4.3 computes a group's assignment at most once a second by default (KIP-1263), which
            // batches changes in groups of thousands of members and doubles every move in groups of a
            // few: a joining member held its first partition after 1.06-1.20 s instead of 0.56-0.62 s,
            // a leaving one's partitions were back after 0.90-1.04 s instead of 0.42-0.53 s
            // (benchmarks' AssignmentTiming, docs/benchmarks.md). 0 assigns at every change.
            config.put("group.consumer.assignment.interval.ms", "0");
            Properties props = new Properties();
            props.putAll(config);
            return props;
        }
    }

    /**
     * Runs the broker until the process is stopped. Keys, as system properties or environment
     * variables: {@code calc.kafka.data-dir} / CALC_KAFKA_DATA_DIR (default {@code .calc/kafka/data}),
     * {@code calc.kafka.port} / CALC_KAFKA_PORT (9092), {@code calc.kafka.controller-port} /
     * CALC_KAFKA_CONTROLLER_PORT (9093). A node of a cluster also takes {@code calc.kafka.node-id}
     * (1, 2, ...), {@code calc.kafka.quorum-ports} (every node's controller port, in node order,
     * comma-separated; its own is the node-id-th) and {@code calc.kafka.cluster-id} (the same on
     * every node; needed only when the data folder is formatted, on first start).
     */
    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(setting("calc.kafka.data-dir", ".calc/kafka/data"));
        String controllerPort = setting("calc.kafka.controller-port", "9093");
        List<Integer> quorumPorts = Arrays.stream(setting("calc.kafka.quorum-ports", controllerPort).split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Settings settings = Settings.defaults(dataDir)
                .withPorts(Integer.parseInt(setting("calc.kafka.port", "9092")), Integer.parseInt(controllerPort))
                .inCluster(Integer.parseInt(setting("calc.kafka.node-id", "1")), quorumPorts,
                        setting("calc.kafka.cluster-id", Uuid.randomUuid().toString()));
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
