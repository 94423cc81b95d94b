package calc.contract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The convention that lets a lag monitor tell which instance and version a consumer group member
 * runs: the member's {@code client.id} is {@code <instance>@<version>}. The version is made of
 * {@code [A-Za-z0-9._]}; anything after it (a suffix a client library appends, such as Kafka
 * Streams' {@code -StreamThread-1-consumer}) is ignored. A client.id without {@code @} names the
 * instance only.
 */
public record MemberName(String instance, Optional<String> version) {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._]+");
    private static final Pattern CLIENT_ID = Pattern.compile("(?<instance>.+)@(?<version>[A-Za-z0-9._]+).*");

    public MemberName {
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("a member's instance must not be blank");
        }
        version.ifPresent(MemberName::requireValidVersion);
    }

    public static MemberName of(String instance, String version) {
        return new MemberName(instance, Optional.of(version));
    }

    /** What a client.id following the convention says; one that does not names the instance only. */
    public static MemberName parse(String clientId) {
        Matcher matcher = CLIENT_ID.matcher(clientId);
        if (matcher.matches()) {
            return new MemberName(matcher.group("instance"), Optional.of(matcher.group("version")));
        }
        return new MemberName(clientId, Optional.empty());
    }

    public static void requireValidVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "a version label is made of letters, digits, '.' and '_' (such as v2 or 1.4.0), not " + version);
        }
    }

    /** The client.id that carries this name. */
    public String clientId() {
        return version.map(v -> instance + "@" + v).orElse(instance);
    }
}
