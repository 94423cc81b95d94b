package calc.producer.rest;

import static calc.producer.rest.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.localkafka.LocalKafka;
import calc.producer.RequestProducerApplication;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A valid request that the broker cannot acknowledge in time is answered 503, as JSON; one that
 * arrives while calc.producer.max-pending requests already wait for the broker, 429 at once.
 */
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
        Http http = workingServiceWhoseBrokerWentAway("--calc.producer.send-timeout=2s");

        // When
        HttpResponse<String> response = http.postJson("{\"requestId\":\"r-after\",\"operation\":\"add\",\"a\":1,\"b\":2}");

        // Then: whether the producer still knew the partition leader or not, the caller learns the same
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response.body())).isEqualTo(Map.of("error", Map.of("code", "UNAVAILABLE", "message",
                "Kafka did not acknowledge request r-after within 2000 ms; retry with the same requestId")));
    }

    @Test
    void requestsBeyondTheOnesWaitingForTheBrokerAreRefused429AtOnce() throws Exception {
        // Given a service that lets one request wait for the broker, and no broker to answer it
        Http http = workingServiceWhoseBrokerWentAway("--calc.producer.send-timeout=5s", "--calc.producer.max-pending=1");
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> post(http, "r-waiting"));
        Gauge pending = app.getBean(MeterRegistry.class).get("calc.producer.pending").gauge();
        await().atMost(Duration.ofSeconds(5)).until(() -> pending.value() == 1);

        // When one more request arrives
        HttpResponse<String> refused = http.postJson("{\"requestId\":\"r-refused\",\"operation\":\"add\",\"a\":1,\"b\":2}");

        // Then it is refused at once with a hint when to retry, and the waiting one still gets its 503
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(refused.body())).isEqualTo(Map.of("error", Map.of("code", "UNAVAILABLE", "message",
                "calc.producer.max-pending (1) requests are already waiting for Kafka's acknowledgement; retry in a moment")));
        assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        assertThat(pending.value()).isZero();
    }

    private Http workingServiceWhoseBrokerWentAway(String... settings) throws Exception {
        kafka = LocalKafka.startOnFreePorts(state.resolve("kafka/data"));
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--calc.kafka.bootstrap-servers=" + kafka.bootstrapServers()));
        args.addAll(List.of(settings));
        app = new SpringApplicationBuilder(RequestProducerApplication.class).run(args.toArray(String[]::new));
        Http http = new Http(app.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        assertThat(http.postJson("{\"requestId\":\"r-before\",\"operation\":\"add\",\"a\":1,\"b\":2}").statusCode())
                .isEqualTo(202);
        kafka.close();
        kafka = null;
        return http;
    }

    private static HttpResponse<String> post(Http http, String requestId) {
        try {
            return http.postJson("{\"requestId\":\"" + requestId + "\",\"operation\":\"add\",\"a\":1,\"b\":2}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
