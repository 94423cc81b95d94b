package calc.aggregator.query;

import calc.aggregator.AggregatorProperties;
import calc.aggregator.SelfAddress;
import calc.aggregator.state.LocalStores;
import calc.aggregator.state.StreamsRuntime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

/** Wires the queries across instances: who the instances are, how to call them, how their shares merge. */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

    /** A query asks once: while a partition has no instance, the caller gets 503 at once, not after retries. */
    @Bean
    Instances instances(StreamsRuntime runtime, KafkaStreamsInteractiveQueryService queries) {
        queries.setRetryTemplate(new RetryTemplate(RetryPolicy.withMaxRetries(0)));
        return new Instances(runtime, queries);
    }

    @Bean
    Peers peers(AggregatorProperties aggregator, SelfAddress self) {
        return new Peers(aggregator.peerTimeout(), self);
    }

    @Bean
    ClusterShares clusterShares(LocalStores local, Instances instances, Peers peers) {
        return new ClusterShares(local, instances, peers);
    }
}
