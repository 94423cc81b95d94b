package calc.aggregator.topology;

import calc.contract.CalculationResult;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Correlates requests and results by requestId, in whatever order they arrive. The first result
 * of an id is the answer; later ones only count as duplicates; a repeated request changes
 * nothing. Each id counts once in the totals, once in the first batch named for it, and its
 * answer once for the (service, version) that gave it, in its totals and in the second of its
 * completedAt ({@link RecentSeconds}). Entries older than the retention, and seconds older than
 * the recent history, are deleted by wall-clock punctuators, so the stores stay bounded; entries
 * and batches a slice per punctuation ({@link ExpirySweep}), so that no punctuation's work grows
 * with the store. An id whose entry was deleted is unknown again: an answer that comes later
 * counts as a new id (docs/contract.md says so).
 */
final class CorrelateProcessor implements Processor<String, Observation, Void, Void> {
    private static final int RECENT_ENTRIES = 2_000;
    private static final int RECENT_AGGREGATES = 64;

    private final Retention retention;
    private final ResultListener listener;
    private ProcessorContext<Void, Void> context;
    private ReadThroughStore<RequestEntry> entries;
    private ReadThroughStore<BatchAggregate> batches;
    private ReadThroughStore<ServiceAggregate> services;
    private ReadThroughStore<Totals> totals;
    private RecentSeconds recentSeconds;
    private ExpirySweep<RequestEntry> entrySweep;
    private ExpirySweep<BatchAggregate> batchSweep;
    private long nextSweepMs;

    CorrelateProcessor(Retention retention, ResultListener listener) {
        this.retention = retention;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        // Most results arrive soon after their request: the newest entries are the ones read back.
        entries = new ReadThroughStore<>(context.getStateStore(StoreNames.ENTRIES), RECENT_ENTRIES);
        batches = new ReadThroughStore<>(context.getStateStore(StoreNames.BATCHES), RECENT_AGGREGATES);
        services = new ReadThroughStore<>(context.getStateStore(StoreNames.SERVICES), RECENT_AGGREGATES);
        totals = new ReadThroughStore<>(context.getStateStore(StoreNames.TOTALS), 1);
        recentSeconds = new RecentSeconds(
                new ReadThroughStore<>(context.getStateStore(StoreNames.SERVICE_SECONDS), RECENT_AGGREGATES));
        entrySweep = new ExpirySweep<>(entries, retention.sweepSlice());
        batchSweep = new ExpirySweep<>(batches, retention.sweepSlice());
        nextSweepMs = context.currentSystemTimeMs() + retention.checkInterval().toMillis();
        context.schedule(retention.tick(), PunctuationType.WALL_CLOCK_TIME, this::expire);
        context.schedule(RecentSeconds.EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, recentSeconds::expire);
    }

    @Override
    public void process(Record<String, Observation> record) {
        long now = context.currentSystemTimeMs();
        Observation seen = record.value();
        RequestEntry before = entries.get(record.key());
        if (before != null && before.isCompleted() && seen.result() != null) {
            addToTotals(new Totals(0, 0, 1));
            return;
        }
        RequestEntry after = next(before, seen, now);
        if (after.equals(before)) {
            return;
        }
        entries.put(record.key(), after);
        boolean newlyCompleted = after.isCompleted() && (before == null || !before.isCompleted());
        addToTotals(new Totals(before == null ? 1 : 0, newlyCompleted ? 1 : 0, 0));
        countInBatch(before, after, newlyCompleted, now);
        if (newlyCompleted) {
            countForService(after.result(), now);
        }
    }

    private static RequestEntry next(RequestEntry before, Observation seen, long now) {
        if (before == null) {
            return RequestEntry.first(seen, now);
        }
        if (seen.result() != null) {
            return before.withResult(seen.result());
        }
        return before.request() == null ? before.withRequest(seen.request()) : before;
    }

    private void addToTotals(Totals delta) {
        Totals before = totals.get(StoreNames.TOTAL_KEY);
        totals.put(StoreNames.TOTAL_KEY, (before == null ? Totals.zero() : before).plus(delta));
    }

    /** An id joins its batch when a batch is first named for it, bringing its answer if it has one. */
    private void countInBatch(RequestEntry before, RequestEntry after, boolean newlyCompleted, long now) {
        if (after.batchId() == null) {
            return;
        }
        boolean joins = before == null || before.batchId() == null;
        if (!joins && !newlyCompleted) {
            return;
        }
        BatchAggregate batch = batches.get(after.batchId());
        batch = batch == null ? BatchAggregate.empty() : batch;
        if (joins) {
            batch = batch.withRequested(now);
        }
        if (after.isCompleted() && (joins || newlyCompleted)) {
            batch = batch.withCompleted(after.result(), now);
        }
        batches.put(after.batchId(), batch);
    }

    private void countForService(CalculationResult result, long now) {
        String service = result.worker() == null ? "unknown" : result.worker().service();
        String version = result.worker() == null ? "unknown" : result.worker().version();
        String key = service + "/" + version;
        ServiceAggregate aggregate = services.get(key);
        services.put(key, (aggregate == null ? ServiceAggregate.empty(service, version) : aggregate).with(result));
        recentSeconds.count(result, service, version, now);
        listener.firstResult(result, service, version);
    }

    /** Starts a sweep of both stores every check interval, and takes one slice of each per tick until it ends. */
    private void expire(long now) {
        if (!entrySweep.isRunning() && !batchSweep.isRunning()) {
            if (now < nextSweepMs) {
                return;
            }
            entrySweep.start();
            batchSweep.start();
            nextSweepMs = now + retention.checkInterval().toMillis();
        }
        long keepMs = retention.keep().toMillis();
        entrySweep.step(entry -> entry.isExpired(now, keepMs));
        batchSweep.step(batch -> batch.isExpired(now, keepMs));
    }
}
