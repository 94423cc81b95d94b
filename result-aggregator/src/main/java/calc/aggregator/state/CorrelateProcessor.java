package calc.aggregator.state;

import calc.contract.CalculationResult;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Correlates requests and results by requestId, in whatever order they arrive. The first result
 * of an id is the answer; later ones only count as duplicates; a repeated request changes
 * nothing. Each id counts once in the totals, once in the first batch named for it, and its
 * answer once for the (service, version) that gave it, in its totals and in the second of its
 * completedAt ({@link RecentSeconds}). Every store is a {@link BufferedStore}: counts change live
 * objects, written once per commit. Entries older than the retention, and seconds older than the
 * recent history, are deleted by wall-clock punctuators, so the stores stay bounded; entries and
 * batches a slice per punctuation ({@link ExpirySweep}), so that no punctuation's work grows with
 * the store. An id whose entry was deleted is unknown again: an answer that comes later counts as
 * a new id (docs/contract.md says so).
 */
final class CorrelateProcessor implements Processor<String, Observation, Void, Void> {
    private final Retention retention;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, RequestEntry> entries;
    private KeyValueStore<String, BatchAggregate> batches;
    private KeyValueStore<String, ServiceAggregate> services;
    private KeyValueStore<String, Totals> totals;
    private RecentSeconds recentSeconds;
    private ExpirySweep<RequestEntry> entrySweep;
    private ExpirySweep<BatchAggregate> batchSweep;
    private long nextSweepMs;

    CorrelateProcessor(Retention retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        entries = context.getStateStore(StoreNames.ENTRIES);
        batches = context.getStateStore(StoreNames.BATCHES);
        services = context.getStateStore(StoreNames.SERVICES);
        totals = context.getStateStore(StoreNames.TOTALS);
        recentSeconds = new RecentSeconds(context.getStateStore(StoreNames.SERVICE_SECONDS));
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
            addToTotals(0, 0, 1);
            return;
        }
        RequestEntry after = next(before, seen, now);
        if (after.equals(before)) {
            return;
        }
        entries.put(record.key(), after);
        boolean newlyCompleted = after.isCompleted() && (before == null || !before.isCompleted());
        addToTotals(before == null ? 1 : 0, newlyCompleted ? 1 : 0, 0);
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
        return before.requested() == null ? before.withRequest(seen.request()) : before;
    }

    private void addToTotals(long requested, long completed, long duplicates) {
        Totals before = totals.get(StoreNames.TOTAL_KEY);
        totals.put(StoreNames.TOTAL_KEY,
                (before == null ? Totals.zero() : before).plus(new Totals(requested, completed, duplicates)));
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
            batch.countRequested(now);
        }
        if (after.isCompleted()) {
            batch.countCompleted(after.result(), now);
        }
        batches.put(after.batchId(), batch);
    }

    private void countForService(CalculationResult result, long now) {
        String service = result.worker() == null ? "unknown" : result.worker().service();
        String version = result.worker() == null ? "unknown" : result.worker().version();
        String key = ServiceAggregate.key(service, version);
        ServiceAggregate aggregate = services.get(key);
        aggregate = aggregate == null ? ServiceAggregate.empty(service, version) : aggregate;
        aggregate.count(result);
        services.put(key, aggregate);
        recentSeconds.count(result, service, version, now);
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
