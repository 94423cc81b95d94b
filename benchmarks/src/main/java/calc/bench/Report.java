package calc.bench;

import calc.contract.CalcJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Every figure of one benchmark run, the ratios between them and the targets they are held to;
 * written as bench.json (for machines) and bench.md (the table in docs/benchmarks.md).
 */
final class Report {
    static final int TARGET_RATE = 2000;
    private static final long WORKER_RSS_LIMIT_MB = 300;
    private static final long START_TO_READY_LIMIT_MS = 8000;
    private static final long AGGREGATOR_START_LIMIT_MS = 6000;
    private static final long AGGREGATOR_RSS_LIMIT_MB = 600;

    /** Throughput of one burst: results readable and completed by the aggregator, per second. */
    record Scale(double workersCalcPerSecond, double calcPerSecond, long missing, long duplicates) {
        /** The same, with rates to a tenth, as the report prints them. */
        Scale rounded() {
            return new Scale(round(workersCalcPerSecond), round(calcPerSecond), missing, duplicates);
        }
    }

    /** One fixed-rate run of the system. */
    record Run(int sent, Percentiles latency, long missing, long duplicates, long aggregated) {
    }

    private final BenchOptions options;
    private KafkaTools.ProducerPerf producerPerf;
    private KafkaTools.EndToEnd endToEnd;
    private final Map<String, Double> handWritten = new LinkedHashMap<>();
    private final Map<Integer, Percentiles> handWrittenLatency = new LinkedHashMap<>();
    private final Map<String, Object> throughput = new LinkedHashMap<>();
    private final Map<Integer, Run> systemLatency = new LinkedHashMap<>();
    private final Map<Integer, Scale> scaling = new LinkedHashMap<>();
    private Scale atLeastOnce;
    private final Map<String, Object> aggregatorCatchUp = new LinkedHashMap<>();
    private final Map<String, Object> twoAggregators = new LinkedHashMap<>();
    private Run atLeastOnceLatency;
    private Map<String, Processes.Usage> usage = Map.of();
    private Map<String, Long> startToReady = Map.of();
    private final Map<String, StartProbe.Start> startAlone = new LinkedHashMap<>();

    Report(BenchOptions options) {
        this.options = options;
    }

    void producerPerf(KafkaTools.ProducerPerf perf) {
        producerPerf = perf;
    }

    void endToEnd(KafkaTools.EndToEnd latency) {
        endToEnd = latency;
    }

    void handWrittenThroughput(String variant, double calcPerSecond) {
        handWritten.put(variant, calcPerSecond);
    }

    void handWrittenLatency(int rate, Percentiles latency) {
        handWrittenLatency.put(rate, latency);
    }

    void systemThroughput(int requests, Scale burst) {
        throughput.put("requests", requests);
        throughput.put("workersCalcPerSecond", round(burst.workersCalcPerSecond()));
        throughput.put("calcPerSecond", round(burst.calcPerSecond()));
        throughput.put("missing", burst.missing());
        throughput.put("duplicates", burst.duplicates());
    }

    void systemLatency(int rate, Run run) {
        systemLatency.put(rate, run);
    }

    void scaling(int members, Scale scale) {
        scaling.put(members, scale.rounded());
    }

    void atLeastOnceThroughput(Scale burst) {
        atLeastOnce = burst.rounded();
    }

    void atLeastOnceLatency(Run run) {
        atLeastOnceLatency = run;
    }

    /** A fresh aggregator alone, catching up on every request and result of the run: its own ceiling. */
    void aggregatorCatchUp(long calculations, double calcPerSecond) {
        aggregatorCatchUp.put("calculations", calculations);
        aggregatorCatchUp.put("calcPerSecond", round(calcPerSecond));
    }

    void twoAggregators(long calculations, double calcPerSecond, List<StartProbe.Start> ready, List<Long> rssMbAtEnd) {
        twoAggregators.put("calculations", calculations);
        twoAggregators.put("calcPerSecond", round(calcPerSecond));
        twoAggregators.put("startToReadyMs", ready.stream().map(StartProbe.Start::readyMs).toList());
        twoAggregators.put("rssMbWhenReady", ready.stream().map(StartProbe.Start::rssMb).toList());
        twoAggregators.put("rssMbCaughtUp", rssMbAtEnd);
    }

    void resources(Map<String, Processes.Usage> usage, Map<String, Long> startToReady) {
        this.usage = usage;
        this.startToReady = startToReady;
    }

    void startAlone(String service, StartProbe.Start start) {
        startAlone.put(service, start);
    }

    private double systemCalcPerSecond() {
        return ((Number) throughput.get("calcPerSecond")).doubleValue();
    }

    Map<String, Object> ratios() {
        Map<String, Object> ratios = new LinkedHashMap<>();
        double system = systemCalcPerSecond();
        double workers = ((Number) throughput.get("workersCalcPerSecond")).doubleValue();
        ratios.put("throughputRatioToProducerPerf", ratio(system, producerPerf.recordsPerSecond()));
        ratios.put("throughputRatioToHandWrittenLoop", ratio(system, handWritten.get("eos1")));
        ratios.put("throughputRatioToHandWrittenLoopTwoWorkers", ratio(system, handWritten.get("eos2")));
        ratios.put("workersThroughputRatioToHandWrittenLoop", ratio(workers, handWritten.get("eos1")));
        ratios.put("handWrittenLoopRatioToProducerPerf", ratio(handWritten.get("eos1"), producerPerf.recordsPerSecond()));
        for (int rate : systemLatency.keySet()) {
            ratios.put("p99RatioToHandWrittenLoopAt" + rate,
                    ratio(systemLatency.get(rate).latency().p99(), handWrittenLatency.get(rate).p99()));
        }
        ratios.put("aggregatorAloneRatioToHandWrittenLoop",
                ratio(((Number) aggregatorCatchUp.get("calcPerSecond")).doubleValue(), handWritten.get("eos1")));
        if (!twoAggregators.isEmpty()) {
            ratios.put("twoAggregatorsRatioToHandWrittenLoop",
                    ratio(((Number) twoAggregators.get("calcPerSecond")).doubleValue(), handWritten.get("eos1")));
        }
        if (atLeastOnce != null) {
            ratios.put("atLeastOnceThroughputRatioToExactlyOnce", ratio(atLeastOnce.calcPerSecond(), system));
            ratios.put("atLeastOnceThroughputRatioToHandWrittenAtLeastOnceLoop",
                    ratio(atLeastOnce.calcPerSecond(), handWritten.get("alo1")));
            ratios.put("atLeastOnceThroughputRatioToHandWrittenLoop",
                    ratio(atLeastOnce.calcPerSecond(), handWritten.get("eos1")));
        }
        return ratios;
    }

    List<Map<String, Object>> targets() {
        List<Map<String, Object>> targets = new ArrayList<>();
        Map<String, Object> ratios = ratios();
        double toLoop = (double) ratios.get("throughputRatioToHandWrittenLoop");
        double toPerf = (double) ratios.get("throughputRatioToProducerPerf");
        target(targets, "throughput >= 0.5 x hand-written EOS loop", toLoop, toLoop >= 0.5);
        target(targets, "throughput >= 0.05 x ProducerPerformance", toPerf, toPerf >= 0.05);
        Run at2000 = systemLatency.get(TARGET_RATE);
        target(targets, "p99 at 2,000/s <= hand-written loop's p99 (ms)", at2000.latency().p99(),
                at2000.latency().p99() <= handWrittenLatency.get(TARGET_RATE).p99());
        target(targets, "p50 at 2,000/s <= 50 ms", at2000.latency().p50(), at2000.latency().p50() <= 50);
        long workerRss = usage.entrySet().stream().filter(entry -> entry.getKey().contains("-worker-"))
                .mapToLong(entry -> entry.getValue().rssMb()).max().orElse(0);
        target(targets, "worker RSS <= 300 MB", workerRss, workerRss > 0 && workerRss <= WORKER_RSS_LIMIT_MB);
        long slowestStart = startAlone.values().stream().mapToLong(StartProbe.Start::readyMs).max().orElse(0);
        target(targets, "start-to-ready <= 8 s per service, started alone (ms, slowest)", slowestStart,
                slowestStart > 0 && slowestStart <= START_TO_READY_LIMIT_MS);
        aggregatorTargets(targets, ratios);
        long lost = lostOrDuplicated();
        target(targets, "no result lost or duplicated, exactly-once (count)", lost, lost == 0);
        if (atLeastOnce != null) {
            long aloLost = atLeastOnce.missing() + atLeastOnceLatency.missing()
                    + (atLeastOnceLatency.sent() - atLeastOnceLatency.aggregated());
            target(targets, "no result lost, at-least-once (count; repeats are allowed and reported)", aloLost, aloLost == 0);
        }
        return targets;
    }

    /** The aggregator keeps up: it is not what limits the system, alone it matches the loop, and it starts in 6 s. */
    private void aggregatorTargets(List<Map<String, Object>> targets, Map<String, Object> ratios) {
        double alone = (double) ratios.get("aggregatorAloneRatioToHandWrittenLoop");
        target(targets, "aggregator alone >= 0.85 x hand-written EOS loop", alone, alone >= 0.85);
        double system = (double) ratios.get("throughputRatioToHandWrittenLoop");
        double workers = (double) ratios.get("workersThroughputRatioToHandWrittenLoop");
        double share = ratio(system, workers);
        target(targets, "calc throughput >= 0.9 x the workers' (the aggregator is not the limit)", share, share >= 0.9);
        StartProbe.Start aggregator = startAlone.get("result-aggregator");
        if (aggregator != null) {
            target(targets, "aggregator start-to-ready <= 6 s, started alone (ms)", aggregator.readyMs(),
                    aggregator.readyMs() <= AGGREGATOR_START_LIMIT_MS);
        }
        long rss = usage.entrySet().stream().filter(entry -> entry.getKey().startsWith("result-aggregator"))
                .mapToLong(entry -> entry.getValue().rssMb()).max().orElse(0);
        target(targets, "aggregator RSS <= 600 MB", rss, rss > 0 && rss <= AGGREGATOR_RSS_LIMIT_MB);
    }

    private long lostOrDuplicated() {
        long count = ((Number) throughput.get("missing")).longValue() + ((Number) throughput.get("duplicates")).longValue();
        for (Run run : systemLatency.values()) {
            count += run.missing() + run.duplicates() + (run.sent() - run.aggregated());
        }
        for (Scale scale : scaling.values()) {
            count += scale.missing() + scale.duplicates();
        }
        return count;
    }

    Map<String, Object> asMap() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine());
        Map<String, Object> references = new LinkedHashMap<>();
        references.put("producerPerformance", producerPerf);
        references.put("endToEndLatency", endToEnd);
        Map<String, Object> loop = new LinkedHashMap<>();
        handWritten.forEach((variant, value) -> loop.put(variant + "CalcPerSecond", round(value)));
        handWrittenLatency.forEach((rate, latency) -> loop.put("latencyAt" + rate, latency.asMap()));
        references.put("handWrittenLoop", loop);
        root.put("references", references);
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("throughput", throughput);
        systemLatency.forEach((rate, run) -> system.put("latencyAt" + rate, runMap(run)));
        system.put("scalingByMultiplyMembers", scaling);
        if (atLeastOnce != null) {
            Map<String, Object> alo = new LinkedHashMap<>();
            alo.put("throughput", atLeastOnce);
            alo.put("latencyAt" + TARGET_RATE, runMap(atLeastOnceLatency));
            system.put("atLeastOnce", alo);
        }
        system.put("aggregatorAloneCatchingUp", aggregatorCatchUp);
        system.put("twoAggregatorsCatchingUp", twoAggregators);
        root.put("system", system);
        root.put("ratios", ratios());
        Map<String, Object> resources = new LinkedHashMap<>();
        usage.forEach((name, use) -> resources.put(name, Map.of("rssMb", use.rssMb(), "cpuSeconds", use.cpuSeconds(),
                "startToReadyMs", startToReady.getOrDefault(name, -1L))));
        root.put("resources", resources);
        root.put("startAlone", startAlone);
        root.put("targets", targets());
        root.put("notMeasured", notMeasured());
        return root;
    }

    private static Map<String, Object> runMap(Run run) {
        Map<String, Object> entry = new LinkedHashMap<>(run.latency().asMap());
        entry.put("sent", run.sent());
        entry.put("missing", run.missing());
        entry.put("duplicates", run.duplicates());
        entry.put("aggregated", run.aggregated());
        return entry;
    }

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("date", Instant.now().toString());
        machine.put("mode", options.quick() ? "quick" : "full");
        machine.put("commit", options.commit());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("kafkaClients", AppInfoParser.getVersion());
        return machine;
    }

    private List<String> notMeasured() {
        List<String> missing = new ArrayList<>();
        if (scaling.isEmpty()) {
            missing.add("scaling with 1, 2 and 4 multiply-worker members (--scaling, or the full run)");
        }
        if (atLeastOnce == null) {
            missing.add("calc with at-least-once workers (--at-least-once, or the full run)");
        }
        missing.add("rollout cost (largest per-partition gap and p99 during a rollout at 2,000/s): benchmarks/rollout-gap");
        return missing;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        Map<String, Object> ratios = ratios();
        md.append("| measure (same broker, same run) | figure |\n|---|---|\n");
        row(md, "Kafka ProducerPerformance, 100 B, acks=all, idempotent", fmt(producerPerf.recordsPerSecond()) + " records/s");
        row(md, "Kafka EndToEndLatency, 1 partition", "p50 " + endToEnd.p50Ms() + " ms, p99 " + endToEnd.p99Ms()
                + " ms, p99.9 " + endToEnd.p999Ms() + " ms");
        row(md, "hand-written EOS loop, 1 worker", fmt(handWritten.get("eos1")) + " calc/s");
        row(md, "hand-written EOS loop, 2 workers", fmt(handWritten.get("eos2")) + " calc/s");
        row(md, "hand-written at-least-once loop, 1 worker", fmt(handWritten.get("alo1")) + " calc/s");
        handWrittenLatency.forEach((rate, p) -> row(md, "hand-written EOS loop at " + fmt(rate) + " req/s, submitted to readable",
                latencyText(p)));
        row(md, "**calc**, " + fmt(((Number) throughput.get("requests")).doubleValue())
                + " requests, until the aggregator has every result", fmt(systemCalcPerSecond()) + " calc/s");
        row(md, "**calc** workers alone (results readable)", fmt(((Number) throughput.get("workersCalcPerSecond")).doubleValue()) + " calc/s");
        systemLatency.forEach((rate, run) -> row(md, "**calc** at " + fmt(rate) + " req/s, submitted to readable",
                latencyText(run.latency())));
        if (atLeastOnce != null) {
            row(md, "**calc, at-least-once workers**, until the aggregator has every result; workers alone",
                    fmt(atLeastOnce.calcPerSecond()) + " calc/s; " + fmt(atLeastOnce.workersCalcPerSecond())
                            + " calc/s (" + atLeastOnce.duplicates() + " repeated)");
            row(md, "**calc, at-least-once workers**, at " + fmt(TARGET_RATE) + " req/s, submitted to readable",
                    latencyText(atLeastOnceLatency.latency()) + " (" + atLeastOnceLatency.duplicates() + " repeated)");
        }
        row(md, "result-aggregator alone, catching up on the run's " + fmt(((Number) aggregatorCatchUp.get("calculations"))
                .doubleValue()) + " requests and results", fmt(((Number) aggregatorCatchUp.get("calcPerSecond")).doubleValue())
                + " calc/s");
        if (!twoAggregators.isEmpty()) {
            row(md, "two result-aggregator instances of one application, catching up on the same together",
                    fmt(((Number) twoAggregators.get("calcPerSecond")).doubleValue()) + " calc/s; ready in "
                            + twoAggregators.get("startToReadyMs") + " ms; RSS caught up " + twoAggregators.get("rssMbCaughtUp") + " MB");
        }
        scaling.forEach((members, scale) -> row(md, "**calc** with " + members + " multiply member(s): workers, aggregator",
                fmt(scale.workersCalcPerSecond()) + " calc/s, " + fmt(scale.calcPerSecond()) + " calc/s"));
        ratios.forEach((name, value) -> row(md, "`" + name + "`", String.format(Locale.ROOT, "%.3f", (double) value)));
        usage.forEach((name, use) -> row(md, name + ": RSS, CPU, start to ready", use.rssMb() + " MB, "
                + String.format(Locale.ROOT, "%.1f", use.cpuSeconds()) + " s, "
                + (startToReady.containsKey(name) ? fmt(startToReady.get(name)) + " ms (all starting at once)" : "-")));
        startAlone.forEach((name, start) -> row(md, name + " started alone: start to ready, RSS when ready",
                fmt(start.readyMs()) + " ms, " + start.rssMb() + " MB"));
        md.append("\n| target | value | met |\n|---|---|---|\n");
        for (Map<String, Object> target : targets()) {
            md.append("| ").append(target.get("target")).append(" | ").append(target.get("value")).append(" | ")
                    .append((boolean) target.get("met") ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }

    void write() {
        try {
            Files.createDirectories(options.out());
            Files.write(options.out().resolve("bench.json"),
                    CalcJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(asMap()));
            Files.writeString(options.out().resolve("bench.md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void target(List<Map<String, Object>> targets, String name, Object value, boolean met) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("target", name);
        target.put("value", value instanceof Double d ? Math.round(d * 1000) / 1000.0 : value);
        target.put("met", met);
        targets.add(target);
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String latencyText(Percentiles p) {
        return "p50 " + p.p50() + " ms, p99 " + p.p99() + " ms, p99.9 " + p.p999() + " ms (" + p.count() + " results)";
    }

    private static double ratio(double value, double reference) {
        return reference == 0 ? 0 : Math.round(value / reference * 1000) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
