import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one load batch back from Kafka and prints what a rolling upgrade (or a crash) did to it:
 *
 * <ul>
 *   <li>the requests of the batch from calc.multiply.requests, with the partition each landed on;
 *   <li>their results from calc.results, read_committed, as any client reads them;
 *   <li>per partition, the longest time between two consecutive results (by completedAt) whose
 *       interval touches the window [from, to];
 *   <li>latency (completedAt - submittedAt) p50/p99/max of the requests submitted in the window
 *       and of the whole batch;
 *   <li>lost (acknowledged, or in the request topic, without a committed result) and duplicated
 *       (more than one committed result) requests.
 * </ul>
 *
 * Usage: java -cp KAFKA_CLIENT_JARS RolloutGap.java --bootstrap HOST:PORT --batch ID --since EPOCH_MS
 *   [--from EPOCH_MS --to EPOCH_MS] [--acked N] [--wait SECONDS]
 * The last line printed is "RESULT key=value ...", for scripts.
 */
public class RolloutGap {
    static final String REQUESTS = "calc.multiply.requests";
    static final String RESULTS = "calc.results";

    record Request(int partition, long submittedAt) {}

    record Result(long submittedAt, long completedAt, String instance, String status) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String bootstrap = opt.getOrDefault("bootstrap", "127.0.0.1:9092");
        String batch = required(opt, "batch");
        long since = Long.parseLong(required(opt, "since"));
        long from = Long.parseLong(opt.getOrDefault("from", "0"));
        long to = Long.parseLong(opt.getOrDefault("to", Long.toString(Long.MAX_VALUE)));
        long acked = Long.parseLong(opt.getOrDefault("acked", "-1"));
        long waitMs = Long.parseLong(opt.getOrDefault("wait", "120")) * 1000;
        String prefix = batch + "-";

        Map<String, Request> requests = readRequests(bootstrap, since, prefix);
        Map<String, List<Result>> results = readResults(bootstrap, since, prefix, requests.size(), waitMs);

        // Exactly once: every request has one committed result, and no result answers an unknown id.
        long missing = 0, duplicated = 0, unknown = 0, errors = 0;
        for (String id : requests.keySet()) {
            int n = results.getOrDefault(id, List.of()).size();
            if (n == 0) missing++;
            if (n > 1) duplicated++;
        }
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            if (!requests.containsKey(e.getKey())) unknown++;
            for (Result r : e.getValue()) if (!"OK".equals(r.status())) errors++;
        }
        long answered = results.keySet().stream().filter(requests::containsKey).count();

        // Per partition: completedAt of every committed result, in order.
        int partitions = requests.values().stream().mapToInt(Request::partition).max().orElse(-1) + 1;
        List<List<Result>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) byPartition.add(new ArrayList<>());
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            Request request = requests.get(e.getKey());
            if (request != null) byPartition.get(request.partition()).addAll(e.getValue());
        }
        boolean windowed = opt.containsKey("from");
        System.out.printf(Locale.ROOT, "batch %s: %d requests in %s, %d answered, %d missing, %d duplicated, "
                + "%d results for unknown ids, %d ERROR results%s%n", batch, requests.size(), REQUESTS, answered,
                missing, duplicated, unknown, errors, acked >= 0 ? ", " + acked + " acknowledged by the load" : "");
        System.out.println();
        System.out.println(windowed
                ? "per partition: longest gap between consecutive results touching the window (ms), when it began"
                        + " and ended (ms from window start), members before/after"
                : "per partition: longest gap between consecutive results (ms)");
        long maxGap = 0;
        long[] gaps = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            List<Result> list = byPartition.get(p);
            list.sort((x, y) -> Long.compare(x.completedAt(), y.completedAt()));
            long best = 0;
            Result before = null, after = null;
            for (int i = 1; i < list.size(); i++) {
                Result a = list.get(i - 1), b = list.get(i);
                if (b.completedAt() < from || a.completedAt() > to) continue;
                long gap = b.completedAt() - a.completedAt();
                if (gap > best) {
                    best = gap;
                    before = a;
                    after = b;
                }
            }
            gaps[p] = best;
            maxGap = Math.max(maxGap, best);
            System.out.printf(Locale.ROOT, "  p%-2d %6d ms%s%n", p, best, before == null ? "" : String.format(Locale.ROOT,
                    "   %+8d .. %+8d ms   %s -> %s", before.completedAt() - (windowed ? from : 0),
                    after.completedAt() - (windowed ? from : 0), before.instance(), after.instance()));
        }
        long[] sortedGaps = gaps.clone();
        Arrays.sort(sortedGaps);

        // Latency: the requests submitted in the window, and the whole batch.
        List<Long> inWindow = new ArrayList<>(), all = new ArrayList<>();
        long firstSubmitted = Long.MAX_VALUE, lastSubmitted = Long.MIN_VALUE, lastCompleted = Long.MIN_VALUE;
        TreeMap<Long, List<Long>> per10s = new TreeMap<>();
        for (List<Result> list : results.values()) {
            for (Result r : list) {
                long latency = r.completedAt() - r.submittedAt();
                all.add(latency);
                if (r.submittedAt() >= from && r.submittedAt() <= to) inWindow.add(latency);
                firstSubmitted = Math.min(firstSubmitted, r.submittedAt());
                lastSubmitted = Math.max(lastSubmitted, r.submittedAt());
                lastCompleted = Math.max(lastCompleted, r.completedAt());
            }
        }
        for (List<Result> list : results.values()) {
            for (Result r : list) {
                per10s.computeIfAbsent((r.submittedAt() - firstSubmitted) / 10_000, k -> new ArrayList<>())
                        .add(r.completedAt() - r.submittedAt());
            }
        }
        long[] w = percentiles(inWindow), a = percentiles(all);
        System.out.println();
        System.out.println("latency (completedAt - submittedAt) by 10 s of submission: p50/p99/max ms, results");
        for (Map.Entry<Long, List<Long>> e : per10s.entrySet()) {
            long[] q = percentiles(e.getValue());
            System.out.printf(Locale.ROOT, "  %4d s  %6d %6d %6d  %7d%n", e.getKey() * 10, q[0], q[1], q[2], e.getValue().size());
        }
        System.out.println();
        if (windowed) {
            System.out.printf(Locale.ROOT, "window: %.1f s; latency of the %d requests submitted in it: p50 %d, p99 %d, max %d ms%n",
                    (to - from) / 1000.0, inWindow.size(), w[0], w[1], w[2]);
        }
        System.out.printf(Locale.ROOT, "whole batch: %d results, submitted over %.1f s, last completed %.1f s after the last submission;"
                + " latency p50 %d, p99 %d, max %d ms%n", all.size(), (lastSubmitted - firstSubmitted) / 1000.0,
                (lastCompleted - lastSubmitted) / 1000.0, a[0], a[1], a[2]);
        System.out.printf(Locale.ROOT, "largest per-partition gap: %d ms (median partition %d ms)%n",
                maxGap, partitions > 0 ? sortedGaps[partitions / 2] : 0);
        System.out.printf(Locale.ROOT, "RESULT batch=%s requests=%d acked=%d answered=%d missing=%d duplicated=%d unknown=%d "
                + "errors=%d max_gap_ms=%d median_partition_gap_ms=%d window_s=%.1f window_p50_ms=%d window_p99_ms=%d "
                + "window_max_ms=%d batch_p50_ms=%d batch_p99_ms=%d batch_max_ms=%d%n",
                batch, requests.size(), acked, answered, missing, duplicated, unknown, errors, maxGap,
                partitions > 0 ? sortedGaps[partitions / 2] : 0, windowed ? (to - from) / 1000.0 : 0.0,
                w[0], w[1], w[2], a[0], a[1], a[2]);
    }

    /** Every request of the batch up to the topic's current end, with its partition. */
    static Map<String, Request> readRequests(String bootstrap, long since, String prefix) {
        Map<String, Request> requests = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "read_uncommitted")) {
            Map<TopicPartition, Long> end = assignFrom(consumer, REQUESTS, since);
            while (!caughtUp(consumer, end)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        String submitted = field(record.value(), "submittedAt");
                        requests.put(record.key(), new Request(record.partition(),
                                submitted != null ? Instant.parse(submitted).toEpochMilli() : record.timestamp()));
                    }
                }
            }
        }
        return requests;
    }

    /**
     * Committed results of the batch. Stops once every request is answered and the reader has
     * reached the end, or when no new result of the batch came for waitMs.
     */
    static Map<String, List<Result>> readResults(String bootstrap, long since, String prefix, int expected, long waitMs) {
        Map<String, List<Result>> results = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "read_committed")) {
            assignFrom(consumer, RESULTS, since);
            long lastNew = System.currentTimeMillis(), lastReport = lastNew;
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || !record.key().startsWith(prefix)) continue;
                    String v = record.value();
                    results.computeIfAbsent(record.key(), k -> new ArrayList<>(1)).add(new Result(
                            Instant.parse(field(v, "submittedAt")).toEpochMilli(),
                            Instant.parse(field(v, "completedAt")).toEpochMilli(),
                            field(v, "instance") + "/" + field(v, "version"), field(v, "status")));
                    lastNew = System.currentTimeMillis();
                }
                long now = System.currentTimeMillis();
                if (results.size() >= expected && caughtUp(consumer, consumer.endOffsets(consumer.assignment()))) break;
                if (now - lastNew > waitMs) {
                    System.err.printf("no new result for %d s: stopping with %d of %d answered%n", waitMs / 1000,
                            results.size(), expected);
                    break;
                }
                if (now - lastReport > 10_000) {
                    System.err.printf("reading results: %d of %d answered so far%n", results.size(), expected);
                    lastReport = now;
                }
            }
        }
        return results;
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, String isolation) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("isolation.level", isolation);
        props.put("enable.auto.commit", "false");
        props.put("max.poll.records", "5000");
        props.put("client.id", "rollout-gap-" + isolation);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Assigns every partition of topic from the first offset at or after since; returns the end offsets now. */
    static Map<TopicPartition, Long> assignFrom(KafkaConsumer<String, String> consumer, String topic, long since) {
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) parts.add(new TopicPartition(topic, info.partition()));
        consumer.assign(parts);
        Map<TopicPartition, Long> times = new HashMap<>();
        parts.forEach(tp -> times.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts);
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp o = offsets.get(tp);
            consumer.seek(tp, o != null ? o.offset() : end.get(tp));
        }
        return end;
    }

    static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** Nearest-rank p50, p99 and max. */
    static long[] percentiles(List<Long> values) {
        if (values.isEmpty()) return new long[] {0, 0, 0};
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return new long[] {v[rank(v.length, 0.50)], v[rank(v.length, 0.99)], v[v.length - 1]};
    }

    static int rank(int n, double q) {
        return Math.max(0, (int) Math.ceil(q * n) - 1);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + args[i]);
            opt.put(args[i].substring(2), args[i + 1]);
        }
        return opt;
    }

    static String required(Map<String, String> opt, String name) {
        String value = opt.get(name);
        if (value == null) throw new IllegalArgumentException("--" + name + " is required");
        return value;
    }
}
