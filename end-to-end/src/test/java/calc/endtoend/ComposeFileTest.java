package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.Topic;
import calc.contract.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.Test;

/**
 * compose/compose.yaml and compose/Dockerfile, checked without a Docker engine: the file parses,
 * every setting a container gets is one its program knows, every image is pinned (Kafka to the
 * clients' version), the init service creates exactly the contract's topics, and the image builds
 * the modules that exist.
 */
class ComposeFileTest {
    private static final Path COMPOSE = DeploymentFiles.ROOT.resolve("compose/compose.yaml");
    private static final Map<String, Map<String, Object>> SERVICES = DeploymentFiles.composeServices(COMPOSE);

    @Test
    void theClusterHasThreeNodesWithThreeReplicasOfWhichTwoMustBeInSync() {
        Set<String> nodes = Set.of("kafka-1", "kafka-2", "kafka-3");
        for (String node : nodes) {
            Map<String, String> settings = DeploymentFiles.environment(SERVICES.get(node));
            assertThat(settings).as(node).containsEntry("KAFKA_NODE_ID", node.substring("kafka-".length()))
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
            assertThat(settings.get("KAFKA_ADVERTISED_LISTENERS")).as(node).contains("INTERNAL://" + node + ":29092");
        }
        assertThat(DeploymentFiles.environment(SERVICES.get("multiply-worker-v1")).get("CALC_KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("kafka-1:29092,kafka-2:29092,kafka-3:29092");
    }

    @Test
    void everyKafkaSettingIsOneTheBrokerKnows() {
        Set<String> brokerSettings = AbstractKafkaConfig.CONFIG_DEF.names();
        SERVICES.entrySet().stream().filter(service -> service.getKey().startsWith("kafka-")).forEach(service ->
                DeploymentFiles.environment(service.getValue()).keySet().stream()
                        .filter(key -> !key.equals("CLUSTER_ID"))
                        .forEach(key -> assertThat(brokerSettings).as(service.getKey() + " " + key)
                                .contains(DeploymentFiles.kafkaImageSetting(key))));
    }

    @Test
    void everyCalcSettingIsOneTheServiceDocuments() {
        Map<String, String> jars = new HashMap<>();
        SERVICES.forEach((name, service) -> {
            Object command = service.get("command");
            if (command instanceof List<?> args && args.get(0).toString().startsWith("/app/")) {
                jars.put(name, args.get(0).toString().replaceAll("^/app/|\\.jar$", ""));
            }
        });
        assertThat(jars).containsOnlyKeys("multiply-worker-v1", "multiply-worker-v2", "add-worker",
                "result-aggregator", "result-aggregator-2", "request-producer");
        jars.forEach((service, module) -> {
            Set<String> known = DeploymentFiles.environmentNames(module);
            assertThat(DeploymentFiles.environment(SERVICES.get(service)).keySet()).as(service).isNotEmpty()
                    .allSatisfy(key -> assertThat(known).as(service + " " + key).contains(key));
        });
    }

    @Test
    void workersStartAsFourV1MultipliersAndTwoAdders() {
        assertThat(DeploymentFiles.replicas(SERVICES.get("multiply-worker-v1"))).isEqualTo(4);
        assertThat(DeploymentFiles.environment(SERVICES.get("multiply-worker-v1"))).containsEntry("CALC_WORKER_VERSION", "v1");
        assertThat(DeploymentFiles.replicas(SERVICES.get("multiply-worker-v2"))).isZero();
        assertThat(DeploymentFiles.environment(SERVICES.get("multiply-worker-v2"))).containsEntry("CALC_WORKER_VERSION", "v2");
        assertThat(DeploymentFiles.replicas(SERVICES.get("add-worker"))).isEqualTo(2);
        SERVICES.forEach((name, service) -> {
            if (!Set.of("topics", "prometheus", "grafana").contains(name)) {
                assertThat(service).as(name).containsKey("healthcheck");
            }
        });
    }

    @Test
    void everyImageIsPinnedAndKafkaRunsTheClientsVersion() {
        SERVICES.forEach((name, service) -> {
            String image = service.get("image").toString();
            assertThat(image).as(name).matches(".+:[^:]+").doesNotEndWith(":latest");
            if (image.startsWith("apache/kafka:")) {
                assertThat(image).as(name).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
            }
        });
        assertThat(DeploymentFiles.dockerfileImages()).isNotEmpty().allSatisfy(image ->
                assertThat(image).matches(".+:[^:]+").doesNotEndWith(":latest"));
    }

    @Test
    void twoAggregatorInstancesShareOneApplicationEachWithItsOwnStateAndAddress() {
        List<Map<String, Object>> instances = List.of(SERVICES.get("result-aggregator"), SERVICES.get("result-aggregator-2"));
        assertThat(instances).allSatisfy(instance -> assertThat(DeploymentFiles.environment(instance))
                .doesNotContainKey("CALC_AGGREGATOR_APPLICATION_ID"));
        assertThat(instances.stream().map(instance -> DeploymentFiles.environment(instance)
                .get("CALC_AGGREGATOR_ADVERTISED_URL"))).containsExactly("http://result-aggregator:8080",
                "http://result-aggregator-2:8080");
        assertThat(instances.stream().map(instance -> instance.get("volumes").toString()).distinct()).hasSize(2);
    }

    @Test
    void theInitServiceCreatesExactlyTheContractsTopics() {
        String script = ((List<?>) SERVICES.get("topics").get("command")).get(0).toString();
        assertThat(script).contains("--replication-factor 3", "--if-not-exists");
        Matcher created = Pattern.compile("--topic (\\S+) --partitions (\\d+)((?: --config \\S+)*)").matcher(script);
        Map<String, String> topics = new HashMap<>();
        while (created.find()) {
            topics.put(created.group(1), created.group(2) + created.group(3));
        }
        Map<String, String> contract = Topics.defaults().all().stream().collect(Collectors.toMap(Topic::name,
                topic -> topic.partitions() + topic.configs().entrySet().stream()
                        .map(config -> " --config " + config.getKey() + "=" + config.getValue())
                        .sorted().collect(Collectors.joining())));
        assertThat(topics).isEqualTo(contract);
    }

    @Test
    void theImageBuildsTheModulesThatExistAndHoldsEveryJarAServiceRuns() {
        Set<String> modules = DeploymentFiles.modules();
        assertThat(DeploymentFiles.dockerfileBuiltModules()).isNotEmpty().allSatisfy(module ->
                assertThat(modules).contains(module));
        Map<String, String> copiedJars = DeploymentFiles.dockerfileCopiedJars();
        copiedJars.forEach((module, jar) -> {
            assertThat(modules).contains(module);
            assertThat(jar).isEqualTo(module + ".jar");
        });
        SERVICES.values().stream().map(service -> service.get("command"))
                .filter(command -> command instanceof List<?> args && args.get(0).toString().startsWith("/app/"))
                .forEach(command -> assertThat(copiedJars.values().stream().map(jar -> "/app/" + jar))
                        .contains(((List<?>) command).get(0).toString()));
    }
}
