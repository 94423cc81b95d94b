package calc.aggregator;

import calc.aggregator.lag.LagProperties;
import calc.aggregator.rollout.RolloutProperties;
import calc.contract.Topics;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Correlates results with requests in Kafka Streams state and answers REST queries about them. */
@SpringBootApplication
@EnableConfigurationProperties({Topics.class, KafkaConnection.class, AggregatorProperties.class,
        RolloutProperties.class, LagProperties.class})
public class ResultAggregatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResultAggregatorApplication.class, args);
    }
}
