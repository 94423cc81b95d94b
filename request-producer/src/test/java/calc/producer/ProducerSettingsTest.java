package calc.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ProducerSettingsTest {

    @Test
    void aRequiredTokenThatIsUnsetOrEmptyStopsTheStart() {
        assertThatThrownBy(() -> settings("${CALC_PRODUCER_API_TOKEN}", true))
                .hasMessage("calc.producer.api-token is required: set CALC_PRODUCER_API_TOKEN");
        assertThatThrownBy(() -> settings("", true))
                .hasMessage("calc.producer.api-token is required: set CALC_PRODUCER_API_TOKEN");
        assertThatThrownBy(() -> settings("${CALC_PRODUCER_API_TOKEN}", false))
                .hasMessage("calc.producer.api-token is required: set CALC_PRODUCER_API_TOKEN");
    }

    @Test
    void aTokenIsOptionalUnlessRequiredAndNeverShown() {
        assertThat(settings("", false).apiToken()).isEmpty();
        assertThat(settings("s3cret", true).toString()).contains("apiToken=set").doesNotContain("s3cret");
    }

    private static ProducerSettings settings(String token, boolean required) {
        return new ProducerSettings("http://localhost:8080", Duration.ofSeconds(5), Duration.ofMillis(5),
                DataSize.ofKilobytes(64), DataSize.ofKilobytes(16), 1000, token, required);
    }
}
