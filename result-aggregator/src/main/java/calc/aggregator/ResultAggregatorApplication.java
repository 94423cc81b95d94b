package calc.aggregator;

import calc.aggregator.lag.LagProperties;
import calc.aggregator.rollout.RolloutProperties;
import calc.contract.KafkaConnection;
import calc.contract.Topics;
import calc.contract.web.ContractWebErrors;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(ResultAggregatorApplication.class);

    public static void main(String[] args) {
        Thread preload = new Thread(ResultAggregatorApplication::preload, "startup-preload");
        preload.setDaemon(true);
        preload.start();
        SpringApplication.run(ResultAggregatorApplication.class, args);
    }

    /**
     * Two slow steps on the path to ready, taken on a thread of their own while the context starts
     * (docs/benchmarks.md): RocksDB's native library, unpacked from its jar and linked when the
     * first store opens, and the JDK's default TLS context, which the first HTTP client builds (the
     * one that asks the other instances), whatever scheme it then uses.
     */
    private static void preload() {
        RocksDB.loadLibrary();
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            log.debug("No default TLS context to prepare; the first HTTP client built will report it", e);
        }
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
