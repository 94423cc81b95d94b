package calc.bench;

import calc.contract.Operation;
import calc.contract.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@code ./calc bench}: measures the running system beside Kafka's own ProducerPerformance and
 * EndToEndLatency and a hand-written exactly-once loop, all on the same broker in the same run,
 * and writes every figure and ratio to bench.json and bench.md.
 */
public final class Bench {
    private static final Duration QUIET = Duration.ofSeconds(60);
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private final BenchOptions options;
    private final String run = Long.toString(System.currentTimeMillis());
    private final Topics topics = Topics.defaults();
    private final Report report;

    private Bench(BenchOptions options) {
        this.options = options;
        this.report = new Report(options);
    }

    /**
     * Exits when the run ends, either way: a phase that fails may leave a loop, a watch or a
     * publisher thread behind, and those must not keep the JVM, and with it ./calc bench, alive.
     */
    public static void main(String[] args) {
        try {
            BenchOptions options = BenchOptions.parse(args);
            Report report = new Bench(options).measure();
            report.write();
            System.out.println(report.markdown());
            System.out.println("Written: " + options.out().resolve("bench.json") + " and " + options.out().resolve("bench.md"));
        } catch (RuntimeException e) {
            System.err.println("calc bench failed: " + e);
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                System.err.println("  caused by: " + cause);
            }
            System.exit(1);
        }
        System.exit(0);
    }

    private Report measure() {
        createTopics();
        references();
        handWritten();
        system();
        report.resources(Processes.usage(options.calcHome()), Processes.startToReadyMs(upOutput()));
        if (options.atLeastOnce()) {
            atLeastOnce();
        }
        startAlone();
        return report;
    }

    private void startAlone() {
        StartProbe probe = new StartProbe(options.root(), options.bootstrap(), options.calcHome().resolve("start-probe"));
        for (String worker : List.of("multiply-worker", "add-worker")) {
            step("Starting one more " + worker + " alone");
            report.startAlone(worker, probe.time(worker, "--calc.worker.instance-id=" + worker + "-probe"));
        }
        step("Starting one more request-producer alone");
        report.startAlone("request-producer", probe.time("request-producer"));
        long total = new AggregatorClient(options.aggregatorUrl()).totalCompleted();
        step("Starting a second result-aggregator alone (an application id and state of its own), "
                + "until it has caught up on the run's " + total + " requests and results");
        StartProbe.Outcome<Double> aggregator = probe.run("result-aggregator",
                port -> steadyRate(total, () -> new AggregatorClient("http://127.0.0.1:" + port).totalCompleted()),
                "--calc.aggregator.application-id=calc-bench-probe-" + run,
                "--calc.aggregator.state-dir=" + options.calcHome().resolve("start-probe").resolve("aggregator-state"));
        report.startAlone("result-aggregator", aggregator.start());
        report.aggregatorCatchUp(total, aggregator.measured());
        twoAggregators(probe, total);
    }

    /** Two instances of one new application, started at once, catching up on the same backlog together. */
    private void twoAggregators(StartProbe probe, long total) {
        step("Starting two result-aggregator instances of one application at once, until they have caught up on "
                + total + " requests and results");
        String application = "calc-bench-pair-" + run;
        Path state = options.calcHome().resolve("start-probe");
        try (StartProbe.Launched first = probe.launch("result-aggregator", "--calc.aggregator.application-id=" + application,
                        "--calc.aggregator.instance-id=" + application + "-1", "--calc.aggregator.state-dir=" + state.resolve("pair-1"));
                StartProbe.Launched second = probe.launch("result-aggregator", "--calc.aggregator.application-id=" + application,
                        "--calc.aggregator.instance-id=" + application + "-2", "--calc.aggregator.state-dir=" + state.resolve("pair-2"))) {
            StartProbe.Start firstReady = first.awaitReady();
            StartProbe.Start secondReady = second.awaitReady();
            // Every instance answers for all: the merged count from either is the pair's.
            AggregatorClient client = new AggregatorClient("http://127.0.0.1:" + first.port());
            double rate = steadyRate(total, client::totalCompleted);
            report.twoAggregators(total, rate, List.of(firstReady, secondReady), List.of(first.rssMb(), second.rssMb()));
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap()))) {
            int partitions = topics.requestPartitions();
            admin.createTopics(List.of(new NewTopic(topic("perf"), partitions, (short) 1),
                    new NewTopic(topic("e2e"), 1, (short) 1),
                    new NewTopic(topic("hand.requests"), partitions, (short) 1),
                    new NewTopic(topic("hand.latency"), partitions, (short) 1),
                    new NewTopic(topic("hand.results"), partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create the benchmark's topics", e);
        }
    }

    private void references() {
        KafkaTools tools = new KafkaTools(options.toolsJar());
        step("Kafka ProducerPerformance, " + options.perfRecords() + " records of 100 B, acks=all, idempotent");
        report.producerPerf(tools.producerPerformance(options.bootstrap(), topic("perf"), options.perfRecords()));
        step("Kafka EndToEndLatency, " + options.endToEndMessages() + " messages, 1 partition");
        report.endToEnd(tools.endToEndLatency(options.bootstrap(), topic("e2e"), options.endToEndMessages()));
    }

    private void handWritten() {
        int requests = options.handWrittenRequests();
        step("Publishing " + requests + " requests for the hand-written loop");
        try (RequestFeed feed = new RequestFeed(options.bootstrap())) {
            feed.burst(topic("hand.requests"), "hand-" + run, requests);
        }
        report.handWrittenThroughput("eos1", throughput(true, 1, requests));
        report.handWrittenThroughput("eos2", throughput(true, 2, requests));
        report.handWrittenThroughput("alo1", throughput(false, 1, requests));
        for (int rate : options.rates()) {
            report.handWrittenLatency(rate, handWrittenLatency(rate));
        }
    }

    /** Calculations per second of {@code workers} loops answering the pre-published requests. */
    private double throughput(boolean exactlyOnce, int workers, int requests) {
        String label = (exactlyOnce ? "exactly-once" : "at-least-once") + ", " + workers + " worker(s)";
        step("Hand-written loop, " + label);
        AtomicLong answered = new AtomicLong();
        String group = "bench-hand-" + (exactlyOnce ? "eos" : "alo") + workers + "-" + run;
        List<HandWrittenLoop> loops = startLoops(group, topic("hand.requests"), exactlyOnce, workers, answered);
        try {
            return steadyRate(requests, () -> {
                failIfStopped(loops);
                return answered.get();
            });
        } finally {
            stop(loops);
        }
    }

    /** One loop of two may stop (its partitions move to the other); the phase fails when none is left. */
    private static void failIfStopped(List<HandWrittenLoop> loops) {
        if (loops.stream().allMatch(loop -> loop.failure().isPresent())) {
            throw new IllegalStateException("the hand-written loop stopped", loops.get(0).failure().orElseThrow());
        }
    }

    /**
     * The rate from the first tenth of {@code total} done to all of it: joining the group and the
     * JIT's first compilations fall into the first tenth and are left out, as for every throughput here.
     */
    private static double steadyRate(long total, LongSupplier done) {
        long tenth = total / 10;
        if (!Waiting.until(() -> done.getAsLong() >= tenth, LIMIT)) {
            throw new IllegalStateException("not even a tenth of " + total + " was done in " + LIMIT);
        }
        long from = System.nanoTime();
        // Counted from what was done when the clock started: a catching-up reader may be well past a tenth by then.
        long doneAtStart = done.getAsLong();
        if (!Waiting.until(() -> done.getAsLong() >= total, LIMIT)) {
            throw new IllegalStateException("only " + done.getAsLong() + " of " + total + " were done in " + LIMIT);
        }
        return (total - doneAtStart) / ((System.nanoTime() - from) / 1e9);
    }

    private Percentiles handWrittenLatency(int rate) {
        step("Hand-written exactly-once loop at " + rate + " requests/s for " + options.latencyRun().toSeconds() + " s");
        String batch = "hand-latency-" + rate + "-" + run;
        List<HandWrittenLoop> loops = startLoops("bench-hand-latency-" + rate + "-" + run, topic("hand.latency"),
                true, 1, new AtomicLong());
        try (ResultWatch watch = ResultWatch.start(options.bootstrap(), topic("hand.results"), batch);
                RequestFeed feed = new RequestFeed(options.bootstrap())) {
            if (!Waiting.until(() -> loops.get(0).assigned() || loops.get(0).failure().isPresent(), LIMIT)) {
                throw new IllegalStateException("the hand-written loop got no partitions in " + LIMIT);
            }
            failIfStopped(loops);
            int sent = feed.paced(topic("hand.latency"), batch, rate, options.latencyRun());
            watch.awaitAll(sent, QUIET);
            return watch.latency();
        } finally {
            stop(loops);
        }
    }

    private List<HandWrittenLoop> startLoops(String group, String source, boolean exactlyOnce, int workers,
            AtomicLong answered) {
        List<HandWrittenLoop> loops = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            HandWrittenLoop loop = new HandWrittenLoop(options.bootstrap(), group, "loop-" + i, source,
                    topic("hand.results"), exactlyOnce, answered);
            new Thread(loop, group + "-" + i).start();
            loops.add(loop);
        }
        return loops;
    }

    private static void stop(List<HandWrittenLoop> loops) {
        loops.forEach(HandWrittenLoop::stop);
    }

    private void system() {
        AggregatorClient aggregator = new AggregatorClient(options.aggregatorUrl());
        int requests = options.systemRequests();
        warmUp(aggregator, "bench-warm-up-" + run, requests / 5);
        String batch = "bench-throughput-" + run;
        step("calc: " + requests + " multiply requests as fast as they go, until the aggregator has every result");
        report.systemThroughput(requests, burst(aggregator, batch, requests));
        for (int rate : options.rates()) {
            report.systemLatency(rate, systemLatency(aggregator, "", rate));
        }
        if (options.scaling()) {
            for (int members : new int[] {1, 2, 4}) {
                report.scaling(members, scaling(aggregator, members));
            }
            calc(Map.of(), "scale", "multiply-worker", "2");
        }
    }

    /** The same system again with at-least-once workers, restarted as a user would: CALC_WORKER_DELIVERY=at-least-once ./calc up. */
    private void atLeastOnce() {
        step("Restarting calc with at-least-once workers (CALC_WORKER_DELIVERY=at-least-once ./calc up)");
        calc(Map.of(), "down");
        calc(Map.of("CALC_WORKER_DELIVERY", "at-least-once"), "up");
        AggregatorClient aggregator = new AggregatorClient(options.aggregatorUrl());
        int requests = options.systemRequests();
        warmUp(aggregator, "bench-alo-warm-up-" + run, requests / 5);
        step("calc, at-least-once: " + requests + " multiply requests as fast as they go");
        report.atLeastOnceThroughput(burst(aggregator, "bench-alo-throughput-" + run, requests));
        report.atLeastOnceLatency(systemLatency(aggregator, "alo-", Report.TARGET_RATE));
    }

    /** Throughput with {@code members} multiply-worker members on the same 12 partitions. */
    private Report.Scale scaling(AggregatorClient aggregator, int members) {
        calc(Map.of(), "scale", "multiply-worker", Integer.toString(members));
        int requests = options.scalingRequests();
        warmUp(aggregator, "bench-scaling-warm-up-" + members + "-" + run, requests / 2);
        step("calc with " + members + " multiply member(s): " + requests + " requests as fast as they go");
        return burst(aggregator, "bench-scaling-" + members + "-" + run, requests);
    }

    /**
     * Publishes {@code requests} as fast as they go and measures, while they are published, the
     * rate at which results become readable (the workers) and at which the aggregator completes them.
     */
    private Report.Scale burst(AggregatorClient aggregator, String batch, int requests) {
        try (ResultWatch watch = ResultWatch.start(options.bootstrap(), topics.results(), batch);
                RequestFeed feed = new RequestFeed(options.bootstrap())) {
            CompletableFuture<Void> published = CompletableFuture.runAsync(
                    () -> feed.burst(multiplyRequests(), batch, requests));
            CompletableFuture<Double> aggregated = CompletableFuture.supplyAsync(
                    () -> steadyRate(requests, () -> aggregator.completed(batch)));
            double workersPerSecond = steadyRate(requests, watch::seen);
            published.join();
            double aggregatorPerSecond = aggregated.join();
            watch.awaitAll(requests, QUIET);
            return new Report.Scale(workersPerSecond, aggregatorPerSecond, watch.missing(requests), watch.duplicates());
        }
    }

    /**
     * Runs ./calc with the system under test's settings, which this process inherited from ./calc
     * bench, and {@code environment} on top.
     */
    private void calc(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", options.root().resolve("calc").toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("./calc " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The services start cold: a first burst, not counted, lets the JIT compile their hot paths. */
    private void warmUp(AggregatorClient aggregator, String batch, int requests) {
        step("calc: warming up with " + requests + " requests (not counted)");
        try (RequestFeed feed = new RequestFeed(options.bootstrap())) {
            feed.burst(multiplyRequests(), batch, requests);
        }
        if (!aggregator.awaitCompleted(batch, requests, Duration.ofMinutes(10))) {
            throw new IllegalStateException("the aggregator did not answer the warm-up batch " + batch);
        }
    }

    private Report.Run systemLatency(AggregatorClient aggregator, String label, int rate) {
        step("calc at " + rate + " requests/s for " + options.latencyRun().toSeconds() + " s");
        String batch = "bench-" + label + "latency-" + rate + "-" + run;
        try (ResultWatch watch = ResultWatch.start(options.bootstrap(), topics.results(), batch);
                RequestFeed feed = new RequestFeed(options.bootstrap())) {
            int sent = feed.paced(multiplyRequests(), batch, rate, options.latencyRun());
            watch.awaitAll(sent, QUIET);
            long aggregated = aggregator.awaitCompleted(batch, sent, Duration.ofMinutes(10)) ? sent : aggregator.completed(batch);
            return new Report.Run(sent, watch.latency(), watch.missing(sent), watch.duplicates(), aggregated);
        }
    }

    private String multiplyRequests() {
        return topics.requests(Operation.MULTIPLY).name();
    }

    private String topic(String suffix) {
        return "bench." + suffix + "." + run;
    }

    private String upOutput() {
        try {
            return Files.readString(options.calcHome().resolve("up.out"));
        } catch (IOException e) {
            throw new UncheckedIOException("./calc bench keeps ./calc up's output in up.out; it is missing", e);
        }
    }

    private static void step(String what) {
        System.out.println(Instant.now() + "  " + what);
    }
}
