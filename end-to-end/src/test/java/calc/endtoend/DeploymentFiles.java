package calc.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.Yaml;

/** Reads the repository's deployment files (compose, Dockerfile, Kubernetes) and the services' documented settings. */
final class DeploymentFiles {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKERFILE = ROOT.resolve("compose/Dockerfile");
    private static final Pattern IMPORT = Pattern.compile("classpath:(\\S+\\.yml)");

    private DeploymentFiles() {
    }

    /** The services of a compose file, with YAML anchors and merge keys resolved. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> composeServices(Path file) {
        Map<String, Object> compose = new Yaml().load(read(file));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    /** Every YAML document of a file, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        new Yaml().loadAll(read(file)).forEach(document -> documents.add((Map<String, Object>) document));
        return documents;
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(key.toString(), String.valueOf(value)));
        }
        return environment;
    }

    static int replicas(Map<String, Object> service) {
        return ((Number) ((Map<?, ?>) service.get("deploy")).get("replicas")).intValue();
    }

    /** The broker setting the apache/kafka image makes of an environment variable KAFKA_X_Y: x.y. */
    static String kafkaImageSetting(String variable) {
        return variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT)
                .replace("___", "-").replace("__", "@").replace('_', '.').replace('@', '_');
    }

    /**
     * The settings a service's program documents, with their defaults: every key of its
     * application.yml, of the files that imports, and of the contract's profiles.
     */
    static Map<String, String> settings(String module) {
        List<Path> files = new ArrayList<>(List.of(resources(module).resolve("application.yml"),
                resources("contract").resolve("application-secure.yml")));
        Matcher imports = IMPORT.matcher(read(files.get(0)));
        while (imports.find()) {
            files.add(resources("worker-runtime").resolve(imports.group(1)));
        }
        Map<String, String> settings = new TreeMap<>();
        for (Path file : files) {
            for (Map<String, Object> document : documents(file)) {
                flatten("", document, settings);
            }
        }
        return settings;
    }

    /**
     * The environment variables a service's program reads as settings, in the form Spring Boot
     * binds from the environment (calc.kafka.bootstrap-servers: CALC_KAFKA_BOOTSTRAP_SERVERS), and
     * the JVM's own JAVA_TOOL_OPTIONS (the aggregator's containers set -Dspring.aot.enabled=true there).
     */
    static Set<String> environmentNames(String module) {
        Set<String> names = settings(module).keySet().stream().filter(key -> !key.contains("["))
                .map(key -> key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))
                .collect(Collectors.toCollection(TreeSet::new));
        names.add("JAVA_TOOL_OPTIONS");
        return names;
    }

    /** The modules of the root pom. */
    static Set<String> modules() {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml")));
        Set<String> modules = new TreeSet<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        return modules;
    }

    static List<String> dockerfileImages() {
        return read(DOCKERFILE).lines().filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1]).toList();
    }

    /** The modules the image's Maven stage builds ({@code -pl}). */
    static List<String> dockerfileBuiltModules() {
        Matcher built = Pattern.compile("-pl (\\S+)").matcher(read(DOCKERFILE));
        return built.find() ? Arrays.asList(built.group(1).split(",")) : List.of();
    }

    /** The jars the image copies from the build stage, by module. */
    static Map<String, String> dockerfileCopiedJars() {
        Matcher copied = Pattern.compile("COPY --from=build /src/(\\S+)/target/(\\S+\\.jar)").matcher(read(DOCKERFILE));
        Map<String, String> jars = new LinkedHashMap<>();
        while (copied.find()) {
            jars.put(copied.group(1), copied.group(2));
        }
        return jars;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resources(String module) {
        return ROOT.resolve(module).resolve("src/main/resources");
    }

    private static void flatten(String prefix, Object value, Map<String, String> settings) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child, settings));
        } else {
            settings.put(prefix, String.valueOf(value));
        }
    }
}
