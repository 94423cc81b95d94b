package calc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void everyClientStartsFromThePropertiesAndTheBrokers() {
        KafkaConnection kafka = new KafkaConnection("b:9092", Map.of("security.protocol", "SASL_SSL"));

        assertThat(kafka.clientConfig()).isEqualTo(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SASL_SSL"));
    }

    @Test
    void aPropertyWithAnUnsetPlaceholderIsRefusedNamingWhatIsMissing() {
        // Given the secure profile's JAAS line when CALC_KAFKA_PASSWORD is not set
        Map<String, String> properties = Map.of("sasl.jaas.config",
                "ScramLoginModule required username=\"multiply-worker\" password=\"${CALC_KAFKA_PASSWORD}\";");

        // When / Then
        assertThatThrownBy(() -> new KafkaConnection("b:9092", properties))
                .hasMessage("calc.kafka.properties[sasl.jaas.config] needs CALC_KAFKA_PASSWORD, which is not set");
    }

    @Test
    void itsTextShowsThePropertyNamesButNoValue() {
        KafkaConnection kafka = new KafkaConnection("b:9092", Map.of("sasl.jaas.config", "password=\"s3cret\";"));

        assertThat(kafka.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }
}
