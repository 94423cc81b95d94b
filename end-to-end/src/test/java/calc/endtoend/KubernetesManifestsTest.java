package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * compose/k8s, checked without a cluster: workers roll one pod at a time without ever running
 * fewer than their replicas, every probe and setting is one the service has, pods run as the
 * image's user, and the Argo
 * Rollouts analysis asks the aggregator's verdict endpoint after every step.
 */
class KubernetesManifestsTest {
    private static final Path K8S = DeploymentFiles.ROOT.resolve("compose/k8s");
    private static final Map<String, Map<String, Object>> WORKLOADS = DeploymentFiles.documents(K8S.resolve("calc.yaml"))
            .stream().filter(doc -> List.of("Deployment", "StatefulSet").contains(doc.get("kind")))
            .collect(Collectors.toMap(doc -> field(doc, "metadata", "name").toString(), doc -> doc));
    private static final Map<String, Object> CONFIG_MAP = DeploymentFiles.documents(K8S.resolve("calc.yaml")).stream()
            .filter(doc -> "ConfigMap".equals(doc.get("kind"))).findFirst().orElseThrow();
    /** The uid compose/Dockerfile creates and runs the services as; pods run as it and own their volumes. */
    private static final String IMAGE_USER = DeploymentFiles.read(DeploymentFiles.ROOT.resolve("compose/Dockerfile"))
            .replaceAll("(?s).*--uid (\\d+).*", "$1");
    private static final List<Map<String, Object>> ROLLOUT = DeploymentFiles.documents(K8S.resolve("rollout.yaml"));

    @Test
    void workersRollOnePodAtATimeAndNeverRunFewerThanTheirReplicas() {
        for (String worker : List.of("multiply-worker", "add-worker")) {
            Map<?, ?> strategy = (Map<?, ?>) field(WORKLOADS.get(worker), "spec", "strategy");
            assertThat(strategy.get("type")).as(worker).isEqualTo("RollingUpdate");
            assertThat(map(strategy.get("rollingUpdate"))).as(worker)
                    .containsEntry("maxSurge", 1).containsEntry("maxUnavailable", 0);
        }
        assertThat(field(WORKLOADS.get("multiply-worker"), "spec", "replicas")).isEqualTo(4);
    }

    @Test
    void theAggregatorRunsTwoInstancesThatReachEachOtherByName() {
        Map<String, Object> aggregator = WORKLOADS.get("result-aggregator");
        assertThat(field(aggregator, "spec", "replicas")).isEqualTo(2);
        String peers = field(aggregator, "spec", "serviceName").toString();
        Map<String, Object> headless = DeploymentFiles.documents(K8S.resolve("calc.yaml")).stream()
                .filter(doc -> "Service".equals(doc.get("kind")) && peers.equals(field(doc, "metadata", "name")))
                .findFirst().orElseThrow();
        assertThat(field(headless, "spec", "clusterIP")).isEqualTo("None");
        assertThat(container(aggregator).get("env").toString())
                .contains("CALC_AGGREGATOR_ADVERTISED_URL", "$(CALC_AGGREGATOR_INSTANCE_ID)." + peers + ":8080");
    }

    @Test
    void everyProbeAndSettingIsOneTheServiceHas() {
        assertThat(WORKLOADS).containsOnlyKeys("multiply-worker", "add-worker", "result-aggregator", "request-producer");
        WORKLOADS.forEach((name, workload) -> {
            Map<String, Object> container = container(workload);
            String module = ((List<?>) container.get("args")).get(0).toString().replaceAll("^/app/|\\.jar$", "");
            assertThat(module).isEqualTo(name);
            Map<String, String> settings = DeploymentFiles.settings(module);
            assertThat(settings).as(name).containsEntry("management.endpoint.health.probes.enabled", "true");
            int port = ((Number) ((Map<?, ?>) ((List<?>) container.get("ports")).get(0)).get("containerPort")).intValue();
            assertThat(settings).as(name).containsEntry("server.port", Integer.toString(port));
            assertThat(field(workload, "spec", "template", "spec", "securityContext", "runAsUser")).as(name)
                    .hasToString(IMAGE_USER);
            assertThat(field(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(field(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            List<String> variables = ((List<?>) container.getOrDefault("env", List.of())).stream()
                    .map(env -> ((Map<?, ?>) env).get("name").toString()).collect(Collectors.toList());
            variables.addAll(((Map<?, ?>) CONFIG_MAP.get("data")).keySet().stream().map(Object::toString).toList());
            assertThat(variables).as(name).allSatisfy(variable ->
                    assertThat(DeploymentFiles.environmentNames(module)).as(name).contains(variable));
        });
    }

    @Test
    void everyRolloutStepIsJudgedByTheAggregatorsVerdict() {
        Map<String, Object> template = ROLLOUT.stream().filter(doc -> "AnalysisTemplate".equals(doc.get("kind")))
                .findFirst().orElseThrow();
        Map<String, Object> rollout = ROLLOUT.stream().filter(doc -> "Rollout".equals(doc.get("kind")))
                .findFirst().orElseThrow();
        String url = field(((List<?>) field(template, "spec", "metrics")).get(0), "provider", "web", "url").toString();
        assertThat(url).startsWith("{{args.aggregator-url}}/api/rollout/verdict?service={{args.service}}"
                + "&baseline={{args.baseline}}&canary={{args.canary}}&window={{args.window}}");
        assertThat(DeploymentFiles.read(DeploymentFiles.ROOT.resolve(
                "result-aggregator/src/main/java/calc/aggregator/rollout/RolloutController.java")))
                .contains("@PostMapping(\"/api/rollout/verdict\")");
        assertThat(field(((List<?>) field(template, "spec", "metrics")).get(0), "provider", "web", "method"))
                .isEqualTo("POST");

        assertThat(field(rollout, "spec", "workloadRef", "name")).isEqualTo("multiply-worker");
        List<?> steps = (List<?>) field(rollout, "spec", "strategy", "canary", "steps");
        assertThat(steps).hasSize(6);
        for (int step = 0; step < steps.size(); step += 2) {
            assertThat(map(steps.get(step))).containsKey("setWeight");
            Object analysis = ((Map<?, ?>) steps.get(step + 1)).get("analysis");
            assertThat(field(((List<?>) field(analysis, "templates")).get(0), "templateName"))
                    .isEqualTo(field(template, "metadata", "name"));
        }
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        @SuppressWarnings("unchecked")
        Map<String, Object> container = (Map<String, Object>) ((List<?>) field(workload, "spec", "template", "spec",
                "containers")).get(0);
        return container;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    /** The value at a path of nested maps. */
    private static Object field(Object node, String... path) {
        Object value = node;
        for (String key : path) {
            value = ((Map<?, ?>) value).get(key);
        }
        return value;
    }
}
