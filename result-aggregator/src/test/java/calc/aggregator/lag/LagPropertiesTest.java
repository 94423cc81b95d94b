package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import calc.aggregator.lag.LagProperties.OffsetReset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

class LagPropertiesTest {

    @Test
    void theOffsetResetIsEarliestForEveryGroupUnlessConfiguredPerGroup() throws Exception {
        // Given the aggregator's application.yml, and two groups set to latest, one of them named with brackets
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"));
        MapPropertySource overrides = new MapPropertySource("overrides", Map.of(
                "calc.aggregator.lag.offset-reset.audit-group", "latest",
                "calc.aggregator.lag.offset-reset.[Odd_Group]", "latest"));

        // When the lag settings are bound
        LagProperties lag = new Binder(ConfigurationPropertySources.from(List.of(overrides, yaml.get(0))))
                .bind("calc.aggregator.lag", LagProperties.class).get();

        // Then the watched groups reset to earliest, the two configured ones to latest, and any other to earliest
        assertThat(lag.offsetReset()).isEqualTo(Map.of("multiply-worker", OffsetReset.EARLIEST,
                "add-worker", OffsetReset.EARLIEST, "result-aggregator", OffsetReset.EARLIEST,
                "audit-group", OffsetReset.LATEST, "Odd_Group", OffsetReset.LATEST));
        assertThat(lag.offsetReset("never-named")).isEqualTo(OffsetReset.EARLIEST);
    }
}
