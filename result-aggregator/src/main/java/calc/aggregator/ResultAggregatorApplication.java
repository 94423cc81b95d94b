package calc.aggregator;

import calc.aggregator.lag.LagProperties;
import calc.aggregator.rollout.RolloutProperties;
import calc.contract.KafkaConnection;
import calc.contract.Topics;
import calc.contract.web.ContractWebErrors;
import java.time.Clock;
import org.rocksdb.RocksDB;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Correlates results with requests in Kafka Streams state and answers REST queries about them. */
@SpringBootApplication
@EnableConfigurationProperties({Topics.class, KafkaConnection.class, AggregatorProperties.class,
        RolloutProperties.class, LagProperties.class})
@Import(ContractWebErrors.class)
public class ResultAggregatorApplication {

    public static void main(String[] args) {
        // RocksDB's native library is unpacked from its jar and linked when the first store opens,
        // a few hundred ms on the path to ready; done while the context starts, it is off that path.
        Thread preload = new Thread(RocksDB::loadLibrary, "rocksdb-library-preload");
        preload.setDaemon(true);
        preload.start();
        SpringApplication.run(ResultAggregatorApplication.class, args);
    }

    /**
     * "Now" for REST answers about recent time (rates over the last 60 s, rollout windows). A test
     * may register its own clock before the context refreshes, so that such answers do not depend
     * on when it runs.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
