package calc.producer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the request producer (prefix {@code calc.producer}).
 *
 * @param aggregatorUrl base URL of the result-aggregator, used to build the {@code resultUrl} of accepted requests
 * @param sendTimeout how long a send may wait for the broker: the REST call waits this long for the
 *     acknowledgement, and any send waits at most this long for metadata or buffer space
 * @param linger how long the producer waits to fill a batch before sending it
 * @param batchSize the largest batch the producer builds per partition
 * @param maxBodySize the largest REST request body; a larger one is answered 413 without being read further
 * @param maxPending the most REST requests waiting for the broker's acknowledgement at once; one more
 *     is answered 429, so a flood queues nothing unbounded
 * @param apiToken when not empty, {@code POST /api/calculations} needs {@code Authorization: Bearer <token>};
 *     it is compared in constant time and never logged
 * @param requireApiToken refuse to start without an API token (the secure profile sets it)
 */
@ConfigurationProperties("calc.producer")
public record ProducerSettings(
        @DefaultValue("http://localhost:8080") String aggregatorUrl,
        @DefaultValue("5s") Duration sendTimeout,
        @DefaultValue("5ms") Duration linger,
        @DefaultValue("64KB") DataSize batchSize,
        @DefaultValue("16KB") DataSize maxBodySize,
        @DefaultValue("1000") int maxPending,
        @DefaultValue("") String apiToken,
        @DefaultValue("false") boolean requireApiToken) {

    public ProducerSettings {
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("calc.producer.send-timeout must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("calc.producer.linger must not be negative");
        }
        if (batchSize.toBytes() < 1 || batchSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("calc.producer.batch-size must be between 1 byte and 2 GB");
        }
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("calc.producer.max-body-size must be between 1 byte and 2 GB");
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("calc.producer.max-pending must be at least 1");
        }
        // An unset ${CALC_PRODUCER_API_TOKEN} stays as that text: a token anyone could read here.
        if (apiToken.contains("${") || (requireApiToken && apiToken.isBlank())) {
            throw new IllegalArgumentException("calc.producer.api-token is required: set CALC_PRODUCER_API_TOKEN");
        }
    }

    @Override
    public String toString() {
        return "ProducerSettings[aggregatorUrl=" + aggregatorUrl + ", sendTimeout=" + sendTimeout + ", linger=" + linger
                + ", batchSize=" + batchSize + ", maxBodySize=" + maxBodySize + ", maxPending=" + maxPending
                + ", apiToken=" + (apiToken.isEmpty() ? "none" : "set") + "]";
    }

    /** The aggregator URL where the result of one request will appear. */
    public String resultUrl(String requestId) {
        String base = aggregatorUrl.endsWith("/") ? aggregatorUrl.substring(0, aggregatorUrl.length() - 1) : aggregatorUrl;
        return base + "/api/results/" + requestId;
    }
}
