package calc.worker;

import calc.contract.Topics;
import calc.contract.WorkerIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one {@link WorkerLoop} on its own thread for the life of the application, and
 * reports readiness as membership of the consumer group.
 */
public final class WorkerService implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WorkerService.class);

    private final WorkerClients clients;
    private final WorkerIdentity identity;
    private final Topics topics;
    private final Calculator calculator;
    private final MeterRegistry registry;
    private final Runnable onFatalError;
    private WorkerLoop worker;
    private Thread thread;
    private KafkaClientMetrics consumerMetrics;
    private KafkaClientMetrics producerMetrics;

    public WorkerService(WorkerClients clients, WorkerIdentity identity, Topics topics, Calculator calculator,
            MeterRegistry registry, Runnable onFatalError) {
        this.clients = clients;
        this.identity = identity;
        this.topics = topics;
        this.calculator = calculator;
        this.registry = registry;
        this.onFatalError = onFatalError;
    }

    @Override
    public synchronized void start() {
        KafkaConsumer<String, byte[]> consumer = clients.consumer();
        KafkaProducer<String, byte[]> producer = clients.producer();
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        RequestHandler handler = new RequestHandler(calculator, identity, topics, Clock.systemUTC());
        WorkerProperties settings = clients.settings();
        worker = new WorkerLoop(consumer, producer, handler, new WorkerMetrics(registry),
                new WorkerLoop.Settings(topics.requests(calculator.operation()).name(), topics,
                        settings.pollTimeout(), settings.transactionTimeout().dividedBy(2), settings.delivery()),
                onFatalError);
        thread = new Thread(worker, identity.instance() + "-loop");
        thread.start();
        log.info("{} {} consuming {} in group {}, {}", identity.instance(), identity.version(),
                topics.requests(calculator.operation()).name(), clients.group(), settings.delivery());
    }

    @Override
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        worker.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumerMetrics.close();
            producerMetrics.close();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    /**
     * UP once the instance has joined its consumer group and holds partitions: only then does it
     * take a share of the work, so a rollout may stop an old member.
     */
    public Health groupMembership() {
        List<Integer> partitions = worker == null ? List.of() : worker.partitions();
        Health.Builder health = partitions.isEmpty() ? Health.outOfService() : Health.up();
        return health.withDetail("group", clients.group())
                .withDetail("partitions", partitions)
                .withDetail("instance", identity.instance())
                .withDetail("version", identity.version())
                .build();
    }
}
