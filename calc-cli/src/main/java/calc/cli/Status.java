package calc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The system's status as scripts read it. A process is {@code ready} when its readiness probe
 * answers 200 (a broker, which has none, as soon as it runs), {@code starting} while it runs
 * without being ready, {@code stopped} when its pid is gone. The consumer groups, with their
 * members and lag, come from the first aggregator instance that answers {@code /api/lag}: every
 * instance reads the same cluster.
 */
record Status(List<Entry> processes, Optional<JsonNode> lag) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One process as ./calc knows it: a worker has a service and version; a broker's port is its Kafka port. */
    record Process(String name, String service, String version, Long pid, Integer port, boolean alive) {

        /** {@code name:service:version:pid:port:alive}, "-" for what does not apply. */
        static Process parse(String text) {
            String[] fields = text.split(":", -1);
            if (fields.length != 6) {
                throw new IllegalArgumentException("a process is name:service:version:pid:port:alive, not " + text);
            }
            return new Process(fields[0], dash(fields[1]), dash(fields[2]),
                    fields[3].equals("-") ? null : Long.valueOf(fields[3]),
                    fields[4].equals("-") ? null : Integer.valueOf(fields[4]), fields[5].equals("true"));
        }

        private static String dash(String field) {
            return field.equals("-") ? null : field;
        }

        boolean isBroker() {
            return "kafka".equals(service);
        }

        /** The HTTP base URL of a service; a broker speaks Kafka's protocol, not HTTP, and has none. */
        Optional<String> url() {
            return port == null || isBroker() ? Optional.empty() : Optional.of("http://127.0.0.1:" + port);
        }
    }

    record Entry(Process process, String state) {
    }

    static Status of(List<Process> processes, Http http) {
        List<Entry> entries = new ArrayList<>();
        Optional<JsonNode> lag = Optional.empty();
        for (Process process : processes) {
            String state = state(process, http);
            entries.add(new Entry(process, state));
            if (lag.isEmpty() && "result-aggregator".equals(process.service()) && state.equals("ready")) {
                lag = http.get(process.url().orElseThrow() + "/api/lag")
                        .filter(response -> response.statusCode() == 200)
                        .map(response -> JSON.readTree(response.body()));
            }
        }
        return new Status(entries, lag);
    }

    private static String state(Process process, Http http) {
        if (!process.alive()) {
            return "stopped";
        }
        if (process.url().isEmpty()) {
            return "ready";
        }
        return http.get(process.url().get() + "/actuator/health/readiness")
                .filter(response -> response.statusCode() == 200)
                .map(response -> "ready").orElse("starting");
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("processes");
        ArrayNode aggregators = root.putArray("aggregators");
        for (Entry entry : processes) {
            Process process = entry.process();
            ObjectNode node = list.addObject();
            node.put("name", process.name());
            node.put("service", process.service());
            node.put("version", process.version());
            node.put("pid", process.pid());
            node.put("port", process.port());
            node.put("url", process.url().orElse(null));
            node.put("state", entry.state());
            if ("result-aggregator".equals(process.service())) {
                aggregators.add(process.url().orElseThrow());
            }
        }
        root.put("lagRefreshedAt", lag.map(json -> json.path("refreshedAt")).filter(JsonNode::isString)
                .map(JsonNode::asString).orElse(null));
        root.set("groups", lag.map(json -> json.path("groups")).filter(JsonNode::isArray)
                .orElse(JSON.createArrayNode()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
