package calc.aggregator.metrics;

import calc.aggregator.state.LocalStores;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the results' metrics with the Prometheus registry that /actuator/prometheus scrapes. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    ResultMetrics resultMetrics(LocalStores stores, PrometheusRegistry registry) {
        ResultMetrics metrics = new ResultMetrics(stores);
        registry.register(metrics);
        return metrics;
    }
}
