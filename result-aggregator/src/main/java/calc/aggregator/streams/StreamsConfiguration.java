package calc.aggregator.streams;

import calc.aggregator.AggregatorProperties;
import calc.aggregator.measure.ResultMetrics;
import calc.aggregator.topology.AggregatorTopology;
import calc.aggregator.topology.PartitionLayout;
import calc.aggregator.topology.ResultListener;
import calc.contract.KafkaConnection;
import calc.contract.TopicCreator;
import calc.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology, the Streams runtime, store access and the Streams health indicator. */
@Configuration(proxyBeanMethods = false)
public class StreamsConfiguration {

    /** The topology is routed on the topics' real partition counts, so the topics must exist first. */
    @Bean
    PartitionLayout partitionLayout(KafkaConnection kafka, Topics topics) {
        TopicCreator.createMissing(kafka, topics);
        return PartitionCounts.read(kafka, topics);
    }

    @Bean
    StreamsRuntime streamsRuntime(KafkaConnection kafka, AggregatorProperties aggregator, Topics topics,
            PartitionLayout layout, ApplicationEventPublisher events, ObjectProvider<MeterRegistry> meters) {
        ResultListener metrics = meters.getIfAvailable() == null
                ? ResultListener.NONE : new ResultMetrics(meters.getIfAvailable());
        return new StreamsRuntime(AggregatorTopology.build(topics, layout, aggregator.retentionPolicy(), metrics),
                StreamsSettings.of(kafka, aggregator, topics), events, meters.getIfAvailable());
    }

    @Bean
    LocalStores localStores(StreamsRuntime runtime) {
        return new LocalStores(runtime);
    }

    /** Named so that the health contributor is called "streams". */
    @Bean
    StreamsHealthIndicator streamsHealthIndicator(StreamsRuntime runtime) {
        return new StreamsHealthIndicator(runtime::state);
    }
}
