package calc.localkafka;

import calc.contract.KafkaConnection;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The users of a secure local broker and their passwords: {@link #ADMIN}, the super user the
 * broker itself authenticates as, and one user per service, named after it. Clients authenticate
 * with SASL SCRAM-SHA-512; the controller listener, on loopback, with SASL PLAIN as the admin.
 * {@link #toString()} never shows a password.
 */
public record Security(Map<String, String> passwords) {
    public static final String ADMIN = "admin";
    public static final List<String> SERVICES =
            List.of("request-producer", "multiply-worker", "add-worker", "result-aggregator");

    public Security {
        passwords = Map.copyOf(passwords);
        if (!passwords.containsKey(ADMIN)) {
            throw new IllegalArgumentException("a secure broker needs a password for " + ADMIN);
        }
        passwords.values().forEach(Security::requireJaasSafe);
    }

    /** Random passwords for the admin and every service. */
    public static Security generated() {
        SecureRandom random = new SecureRandom();
        Map<String, String> passwords = new HashMap<>();
        passwords.put(ADMIN, secret(random));
        SERVICES.forEach(service -> passwords.put(service, secret(random)));
        return new Security(passwords);
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no password for user " + user);
        }
        return password;
    }

    /** What a client needs to connect as {@code user}: the properties a service gets as calc.kafka.properties. */
    public KafkaConnection connection(String bootstrapServers, String user) {
        return new KafkaConnection(bootstrapServers, clientProperties(user, password(user)));
    }

    public static Map<String, String> clientProperties(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", user, password, ""));
    }

    Map<String, String> brokerProperties() {
        String admin = password(ADMIN);
        Map<String, String> config = new HashMap<>();
        config.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        config.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        config.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                jaas("org.apache.kafka.common.security.scram.ScramLoginModule", ADMIN, admin, ""));
        // SCRAM credentials live in the metadata log, which the controller serves: it cannot use them itself.
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name.controller.plain.sasl.jaas.config",
                jaas("org.apache.kafka.common.security.plain.PlainLoginModule", ADMIN, admin,
                        " user_" + ADMIN + "=\"" + admin + "\""));
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("super.users", "User:" + ADMIN);
        return config;
    }

    @Override
    public String toString() {
        return "Security[users=" + passwords.keySet() + "]";
    }

    private static String jaas(String module, String user, String password, String extra) {
        return module + " required username=\"" + user + "\" password=\"" + password + "\"" + extra + ";";
    }

    private static void requireJaasSafe(String password) {
        if (password.isEmpty() || password.chars().anyMatch(c -> c == '"' || c == '\\' || c == ']' || c == ',')) {
            throw new IllegalArgumentException("a password must be non-empty, without \" \\ ] or ,");
        }
    }

    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
