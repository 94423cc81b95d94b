package calc.producer.rest;

import static calc.producer.rest.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import calc.localkafka.LocalKafka;
import calc.producer.RequestProducerApplication;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A valid request that the broker cannot acknowledge in time is answered 503, as JSON. */
class BrokerUnavailableIT {

    @TempDir
    Path state;

    LocalKafka kafka;
    ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aRequestTheBrokerCannotAcknowledgeIsAnswered503() throws Exception {
        // Given: the service has been working, then its only broker goes away
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
        app = new SpringApplicationBuilder(RequestProducerApplication.class).run("--server.port=0",
                "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--calc.producer.send-timeout=2s");
        Http http = new Http(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        assertThat(http.postJson("{\"requestId\":\"r-before\",\"operation\":\"add\",\"a\":1,\"b\":2}").statusCode())
                .isEqualTo(202);
        kafka.close();
        kafka = null;

        // When
        HttpResponse<String> response = http.postJson("{\"requestId\":\"r-after\",\"operation\":\"add\",\"a\":1,\"b\":2}");

        // Then: whether the producer still knew the partition leader or not, the caller learns the same
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response.body())).isEqualTo(Map.of("error", Map.of("code", "UNAVAILABLE", "message",
                "Kafka did not acknowledge request r-after within 2000 ms; retry with the same requestId")));
    }
}
