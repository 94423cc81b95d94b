package calc.aggregator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The aggregator's settings (prefix {@code calc.aggregator}); application.yml documents each key.
 * {@code streams} passes any further Kafka Streams property through unchanged.
 *
 * @param instanceId names this instance among the application's: its Kafka client ids, and its
 *     members in the lag table; empty means the application id
 * @param advertisedUrl where the other instances reach this one's REST API; empty means
 *     {@code http://127.0.0.1:<server.port>}
 */
@ConfigurationProperties("calc.aggregator")
public record AggregatorProperties(
        @DefaultValue("result-aggregator") String applicationId,
        @DefaultValue("") String instanceId,
        @DefaultValue("") String advertisedUrl,
        @DefaultValue(".calc/aggregator/state") Path stateDir,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("5m") Duration retentionCheckInterval,
        @DefaultValue("1") int streamThreads,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("5s") Duration peerTimeout,
        Map<String, String> streams) {

    public AggregatorProperties {
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }

    public String instanceName() {
        return instanceId.isBlank() ? applicationId : instanceId;
    }

    /** This instance's REST base URL as the others reach it. */
    public URI advertisedUri(int serverPort) {
        String url = advertisedUrl.isBlank() ? "http://127.0.0.1:" + serverPort : advertisedUrl;
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException(
                    "calc.aggregator.advertised-url must name a host and a port, such as http://10.0.0.5:8080, not " + url);
        }
        return uri;
    }
}
