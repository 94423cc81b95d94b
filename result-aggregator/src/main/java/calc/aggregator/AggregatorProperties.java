package calc.aggregator;

import calc.aggregator.topology.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The aggregator's settings (prefix {@code calc.aggregator}); application.yml documents each key.
 * {@code streams} passes any further Kafka Streams property through unchanged.
 */
@ConfigurationProperties("calc.aggregator")
public record AggregatorProperties(
        @DefaultValue("result-aggregator") String applicationId,
        @DefaultValue(".calc/aggregator/state") Path stateDir,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("5m") Duration retentionCheckInterval,
        @DefaultValue("1") int streamThreads,
        @DefaultValue("100ms") Duration commitInterval,
        Map<String, String> streams) {

    public AggregatorProperties {
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }

    public Retention retentionPolicy() {
        return new Retention(retention, retentionCheckInterval);
    }
}
