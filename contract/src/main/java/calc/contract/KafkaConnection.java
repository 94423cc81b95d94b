package calc.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is and how to talk to it: {@code calc.kafka.bootstrap-servers}, and
 * {@code calc.kafka.properties[...]}, Kafka client settings every client of the service starts
 * from (security, timeouts); the settings calc sets itself for a client's job win over them.
 * Bound here once, so that no service can give them another name or default. The values may hold
 * secrets (sasl.jaas.config), so {@link #toString()} names only the keys.
 */
@ConfigurationProperties("calc.kafka")
public record KafkaConnection(@DefaultValue("127.0.0.1:9092") String bootstrapServers, Map<String, String> properties) {
    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("calc.kafka.bootstrap-servers must name at least one broker");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        properties.forEach(KafkaConnection::requireResolved);
    }

    /** Spring leaves a placeholder it cannot resolve as text; a password must not silently become "${...}". */
    private static void requireResolved(String key, String value) {
        Matcher unresolved = PLACEHOLDER.matcher(value);
        if (unresolved.find()) {
            throw new IllegalArgumentException("calc.kafka.properties[" + key + "] needs " + unresolved.group(1)
                    + ", which is not set");
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** A new, mutable client configuration: {@code properties} and the brokers. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(properties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", properties=" + properties.keySet() + "]";
    }
}
