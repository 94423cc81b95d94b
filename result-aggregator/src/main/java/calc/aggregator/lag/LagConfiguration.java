package calc.aggregator.lag;

import calc.contract.KafkaConnection;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the lag reader, its history and the background sampler. */
@Configuration(proxyBeanMethods = false)
public class LagConfiguration {

    @Bean(destroyMethod = "close")
    GroupLagReader groupLagReader(KafkaConnection kafka) {
        return new GroupLagReader(kafka.bootstrapServers());
    }

    @Bean
    LagHistory lagHistory(LagProperties lag) {
        return new LagHistory(lag.history());
    }

    @Bean
    LagSampler lagSampler(GroupLagReader reader, LagHistory history, LagProperties lag) {
        return new LagSampler(reader, history, lag.groups(), lag.interval(), Clock.systemUTC());
    }
}
