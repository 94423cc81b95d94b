package calc.worker;

import calc.contract.KafkaConnection;
import calc.contract.TopicCreator;
import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Makes any Spring Boot application with one {@link Calculator} bean a worker service: it joins
 * the operation's consumer group and answers its request topic transactionally.
 */
@AutoConfiguration
@EnableConfigurationProperties({WorkerProperties.class, Topics.class, KafkaConnection.class})
public class WorkerAutoConfiguration {

    @Bean
    WorkerIdentity workerIdentity(Calculator calculator, WorkerProperties settings) {
        String service = calculator.operation().service();
        return new WorkerIdentity(service, settings.version(), settings.instanceIdOr(service));
    }

    @Bean
    WorkerService workerService(Calculator calculator, WorkerIdentity identity, WorkerProperties settings,
            Topics topics, KafkaConnection kafka, MeterRegistry registry, ConfigurableApplicationContext context) {
        TopicCreator.createMissing(kafka, topics);
        WorkerClients clients = new WorkerClients(kafka,
                settings.groupOr(identity.service()), identity, settings);
        return new WorkerService(clients, identity, topics, calculator, registry, () -> shutDown(context));
    }

    @Bean
    HealthIndicator consumerGroupHealthIndicator(WorkerService workerService) {
        return workerService::groupMembership;
    }

    /** A worker that cannot go on safely reports itself broken and stops, so its partitions move to healthy members. */
    private static void shutDown(ConfigurableApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
        new Thread(context::close, "worker-shutdown").start();
    }
}
