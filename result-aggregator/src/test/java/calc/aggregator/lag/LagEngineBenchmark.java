package calc.aggregator.lag;

import calc.aggregator.events.EventLog;
import calc.aggregator.events.MembershipWatcher;
import calc.contract.KafkaConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the lag engine costs: CPU of its threads and heap after GC over a long run, against a broker
 * with 3 groups × 36 partitions that move. Not a test; run by {@code benchmarks/lag-engine}, which
 * runs the two modes in JVMs of their own so that the load's CPU and heap never count as the engine's:
 * <pre>
 *   load    BOOTSTRAP SECONDS           topics bench.g1..g3, ~150 records/s each, one consumer per group
 *   measure BOOTSTRAP SECONDS OUTFILE   the engine as production wires it, sampled every minute
 * </pre>
 */
public final class LagEngineBenchmark {
    static final int GROUPS = 3;
    static final int PARTITIONS = 36;
    static final int RECORDS_PER_SECOND = 150; // per topic
    /** The engine's own threads: the refresher (which also runs the OldestRecords consumer) and its Admin's network thread. */
    static final Set<String> ENGINE_THREADS = Set.of("lag-engine", "kafka-admin-client-thread | result-aggregator-lag");

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("load")) {
            load(args[1], Long.parseLong(args[2]));
        } else if (args.length == 4 && args[0].equals("measure")) {
            measure(args[1], Long.parseLong(args[2]), Path.of(args[3]));
        } else {
            System.err.println("usage: LagEngineBenchmark load BOOTSTRAP SECONDS | measure BOOTSTRAP SECONDS OUTFILE");
            System.exit(2);
        }
    }

    // --- load ----------------------------------------------------------------------------------

    static void load(String bootstrap, long seconds) throws Exception {
        try (Admin admin = LagConfiguration.admin(KafkaConnection.of(bootstrap))) {
            for (int g = 1; g <= GROUPS; g++) {
                try {
                    admin.createTopics(List.of(new NewTopic("bench.g" + g, PARTITIONS, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        long end = System.currentTimeMillis() + seconds * 1000;
        List<Thread> consumers = new ArrayList<>();
        AtomicLong consumed = new AtomicLong();
        for (int g = 1; g <= GROUPS; g++) {
            int group = g;
            Thread thread = new Thread(() -> consume(bootstrap, group, end, consumed), "bench-worker-" + g);
            thread.start();
            consumers.add(thread);
        }
        byte[] value = new byte[100];
        long sent = 0;
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        // Not idempotent: on topics this fresh the idempotent producer was seen to stall some partitions
        // for good (OUT_OF_ORDER_SEQUENCE_NUMBER after a NOT_LEADER retry), leaving them without records.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // Every 100 ms a tenth of a second's records per topic, partitions taken in turn, so every
            // partition gets about 4 records/s and none stays idle (an idle partition would cost no reads).
            long next = System.currentTimeMillis();
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                for (int g = 1; g <= GROUPS; g++) {
                    for (int i = 0; i < RECORDS_PER_SECOND / 10; i++) {
                        producer.send(new ProducerRecord<>("bench.g" + g, (int) (sent % PARTITIONS), now, null, value),
                                (metadata, error) -> (error == null ? acked : failed).incrementAndGet());
                        sent++;
                    }
                }
                if (sent % (GROUPS * RECORDS_PER_SECOND * 30L) == 0) {
                    System.out.printf("%s load: %d records sent, %d acknowledged, %d failed, %d consumed%n",
                            Instant.now(), sent, acked.get(), failed.get(), consumed.get());
                }
                next += 100;
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            }
        }
        for (Thread consumer : consumers) {
            consumer.join();
        }
        System.out.printf("%s load finished: %d records sent, %d acknowledged, %d failed, %d consumed%n",
                Instant.now(), sent, acked.get(), failed.get(), consumed.get());
    }

    /**
     * One member of bench-group-N: polls, commits every second, and leaves partitions 0-2 behind
     * for 60 s out of every 120 s, so that they carry lag and a growing time lag half of the time.
     * The groups' cycles are 40 s apart, so at any moment some partition is falling behind or catching up.
     */
    static void consume(String bootstrap, int group, long end, AtomicLong consumed) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-group-" + group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-worker-" + group + "@v1",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<TopicPartition> laggards = IntStream.range(0, 3)
                .mapToObj(p -> new TopicPartition("bench.g" + group, p)).collect(Collectors.toSet());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("bench.g" + group));
            long lastCommit = System.currentTimeMillis();
            while (System.currentTimeMillis() < end) {
                long cycle = (System.currentTimeMillis() / 1000 + 40L * (group - 1)) % 120;
                Set<TopicPartition> held = laggards.stream().filter(consumer.assignment()::contains)
                        .collect(Collectors.toSet());
                if (cycle < 60) {
                    consumer.pause(held);
                } else {
                    consumer.resume(held);
                }
                consumed.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
                if (System.currentTimeMillis() - lastCommit >= 1000) {
                    consumer.commitSync();
                    lastCommit = System.currentTimeMillis();
                }
            }
        }
    }

    // --- measure -------------------------------------------------------------------------------

    /** The system clock, counting refresh attempts: the engine reads it once, at the start of each refresh. */
    static final class CountingClock extends Clock {
        volatile long attempts;
        volatile long failed;
        volatile long startedNanos;
        volatile boolean open; // an attempt has started and no snapshot has come out of it yet

        @Override
        public Instant instant() {
            if (open) {
                failed++; // the previous attempt ended without a snapshot: LagRefresher skipped it
            }
            attempts++;
            open = true;
            startedNanos = System.nanoTime();
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    static void measure(String bootstrap, long seconds, Path outFile) throws Exception {
        LagProperties settings = new LagProperties(List.of("bench-group-1", "bench-group-2", "bench-group-3"),
                Duration.ofSeconds(5), 10, Duration.ofMinutes(2), Duration.ofMinutes(10), Map.of());
        CountingClock clock = new CountingClock();
        AtomicLong completed = new AtomicLong();
        AtomicLong refreshNanos = new AtomicLong();
        AtomicLong maxRefreshNanos = new AtomicLong();
        // Last in the list, so a refresh's time includes the production listeners before it.
        Consumer<LagSnapshot> counter = snapshot -> {
            long took = System.nanoTime() - clock.startedNanos;
            clock.open = false;
            completed.incrementAndGet();
            refreshNanos.addAndGet(took);
            maxRefreshNanos.accumulateAndGet(took, Math::max);
        };
        // The listeners of LagConfiguration.lagEngine, built the same way.
        LagHistory history = new LagHistory(settings.history());
        List<Consumer<LagSnapshot>> listeners = List.of(history::record,
                new LagMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                new MembershipWatcher(new EventLog(200)), counter);
        Admin admin = LagConfiguration.admin(KafkaConnection.of(bootstrap));
        OldestRecords oldestRecords = LagConfiguration.oldestRecords(KafkaConnection.of(bootstrap), Duration.ofSeconds(3));
        LagEngine engine = new LagEngine(new ClusterReader(admin), oldestRecords, settings, clock, listeners);
        LagRefresher refresher = new LagRefresher(engine);

        ManagementFactory.getThreadMXBean().setThreadCpuTimeEnabled(true);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadCpu cpu = new ThreadCpu();
        List<Double> heapKb = new ArrayList<>();
        long minutes = Math.max(1, seconds / 60);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(outFile), true)) {
            out.println("# minute engine_cpu_ms engine_% process_% heap_after_gc_kb refreshes failed partitions"
                    + " total_lag max_lag_s   (engine_% and process_%: of one core, over that minute)");
            long startNanos = System.nanoTime();
            long startProcess = os.getProcessCpuTime();
            cpu.start(); // the Admin client's thread has run since Admin.create: count from here
            refresher.start();
            long[] last = {startNanos, startProcess, 0}; // wall, process CPU, engine CPU at the previous line
            long[] afterMinute1 = new long[3];
            for (int minute = 1; minute <= minutes; minute++) {
                // Sample thread CPU every 5 s: a thread that ends between samples loses at most 5 s of its CPU.
                long due = startNanos + minute * 60_000_000_000L;
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.min(5000, Math.max(1, (due - System.nanoTime()) / 1_000_000)));
                    cpu.sample();
                }
                long[] now = {System.nanoTime(), os.getProcessCpuTime(), cpu.engine()};
                // After the CPU readings, so that the collection's own CPU lands in the next minute.
                System.gc();
                heapKb.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0);
                LagSnapshot latest = engine.latest();
                double wall = now[0] - last[0];
                out.printf(Locale.ROOT, "%8d %13.0f %8.3f %9.3f %16.0f %9d %6d %10d %9d %9.1f%n", minute,
                        (now[2] - last[2]) / 1e6, 100 * (now[2] - last[2]) / wall, 100 * (now[1] - last[1]) / wall,
                        heapKb.get(minute - 1), completed.get(), clock.failed, partitions(latest), totalLag(latest),
                        latest.groups().stream().mapToDouble(g -> g.totals().lagSeconds()).max().orElse(0));
                last = now;
                if (minute == 1) {
                    afterMinute1 = now;
                }
            }
            refresher.stop();
            cpu.sample();
            long endNanos = System.nanoTime();
            double wall = endNanos - startNanos;
            double process = os.getProcessCpuTime() - startProcess;
            long done = completed.get();
            LagSnapshot latest = engine.latest();
            List<String> summary = List.of(
                    format("SUMMARY over %.1f s (%d minutes), refresh every %s, groups %s", wall / 1e9, minutes,
                            settings.interval(), settings.groups()),
                    format("engine threads CPU: %.0f ms = %.3f %% of one core (%s); minutes 2..%d: %.3f %%",
                            cpu.engine() / 1e6, 100 * cpu.engine() / wall, cpu.engineByName(wall), minutes,
                            minutes < 2 ? 0 : 100.0 * (cpu.engine() - afterMinute1[2]) / (endNanos - afterMinute1[0])),
                    format("process CPU: %.0f ms = %.3f %% of one core (JIT, GC and one System.gc() a minute included)",
                            process / 1e6, 100 * process / wall),
                    format("refreshes: %d attempted, %d completed, %d failed%s; one took %.1f ms on average, %.1f ms"
                            + " at most (wall time, listeners included)", clock.attempts, done, clock.failed,
                            clock.open ? " (+1 cut short by the stop)" : "",
                            done == 0 ? 0 : refreshNanos.get() / 1e6 / done, maxRefreshNanos.get() / 1e6),
                    format("latest snapshot: %d groups, %d partitions, total lag %d records", latest.groups().size(),
                            partitions(latest), totalLag(latest)),
                    heapSummary(heapKb),
                    format("Kafka requests of the engine's clients: Admin %.0f; OldestRecords consumer %.0f, of them"
                            + " %.0f fetches, which read %.0f records", kafkaMetric("admin-client-metrics",
                            "result-aggregator-lag", "request-total"), kafkaMetric("consumer-metrics",
                            "result-aggregator-lag-records", "request-total"), kafkaMetric("consumer-fetch-manager-metrics",
                            "result-aggregator-lag-records", "fetch-total"), kafkaMetric("consumer-fetch-manager-metrics",
                            "result-aggregator-lag-records", "records-consumed-total")));
            summary.forEach(out::println);
            summary.forEach(System.out::println);
        } finally {
            admin.close(Duration.ofSeconds(5));
            oldestRecords.close();
        }
    }

    static String heapSummary(List<Double> kb) {
        return "heap after GC (KB): " + IntStream.of(1, 5, 10, 15, 20, 25, 30).filter(m -> m <= kb.size())
                .mapToObj(m -> format("min %d %.0f", m, kb.get(m - 1))).collect(Collectors.joining(", "))
                + format("; slope %s KB/min over minutes 5..%d (between %.0f and %.0f KB), %s KB/min over minutes"
                        + " 10..%d", slope(kb, 5), kb.size(), kb.stream().skip(4).mapToDouble(d -> d).min().orElse(0),
                        kb.stream().skip(4).mapToDouble(d -> d).max().orElse(0), slope(kb, 10), kb.size());
    }

    static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A Kafka client's own total, from the JMX beans every client registers; -1 when there is none. */
    static double kafkaMetric(String type, String clientId, String attribute) throws Exception {
        var server = ManagementFactory.getPlatformMBeanServer();
        for (var name : server.queryNames(new ObjectName("kafka.*:type=" + type + ",client-id=" + clientId), null)) {
            return ((Number) server.getAttribute(name, attribute)).doubleValue();
        }
        return -1;
    }

    static int partitions(LagSnapshot snapshot) {
        return snapshot.groups().stream().mapToInt(g -> g.partitions().size()).sum();
    }

    static long totalLag(LagSnapshot snapshot) {
        return snapshot.groups().stream().mapToLong(g -> g.totals().lag()).sum();
    }

    /** Least-squares slope of heap (KB) against minute, from minute {@code from} on; "n/a" with fewer than 3 points. */
    static String slope(List<Double> heapKb, int from) {
        int n = heapKb.size() - from + 1;
        if (n < 3) {
            return "n/a";
        }
        double mx = (from + heapKb.size()) / 2.0;
        double my = heapKb.subList(from - 1, heapKb.size()).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sxy = 0, sxx = 0;
        for (int m = from; m <= heapKb.size(); m++) {
            sxy += (m - mx) * (heapKb.get(m - 1) - my);
            sxx += (m - mx) * (m - mx);
        }
        return format("%+.2f", sxy / sxx);
    }

    /** CPU time per thread as last seen: a thread that ended keeps its last sample, so sums never drop. */
    static final class ThreadCpu {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Map<Long, String> names = new HashMap<>();
        private final Map<Long, Long> cpuNanos = new HashMap<>();
        private final Map<Long, Long> atStart = new HashMap<>();

        void sample() {
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
                long time = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
                if (time >= 0) {
                    names.put(info.getThreadId(), info.getThreadName());
                    cpuNanos.merge(info.getThreadId(), time, Math::max);
                }
            }
        }

        /** Samples and remembers every thread's CPU so far, so that {@link #engine} counts from now on. */
        void start() {
            sample();
            atStart.putAll(cpuNanos);
        }

        /** CPU of the engine's threads since {@link #start}, per thread id. */
        Map<Long, Long> engineThreads() {
            return cpuNanos.keySet().stream().filter(id -> ENGINE_THREADS.contains(names.get(id)))
                    .collect(Collectors.toMap(id -> id, id -> cpuNanos.get(id) - atStart.getOrDefault(id, 0L)));
        }

        long engine() {
            return engineThreads().values().stream().mapToLong(Long::longValue).sum();
        }

        String engineByName(double wallNanos) {
            return engineThreads().entrySet().stream()
                    .map(e -> format("%s: %.3f %%", names.get(e.getKey()), 100 * e.getValue() / wallNanos))
                    .collect(Collectors.joining(", "));
        }
    }

    private LagEngineBenchmark() {
    }
}
