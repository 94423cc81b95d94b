package calc.aggregator.state;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Counts dead letters per task; the counts of all tasks add up to the total. */
final class DeadLetterCounter implements Processor<byte[], byte[], Void, Void> {
    private KeyValueStore<String, Long> counts;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        counts = context.getStateStore(StoreNames.DEAD_LETTERS);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Long before = counts.get(StoreNames.TOTAL_KEY);
        counts.put(StoreNames.TOTAL_KEY, (before == null ? 0 : before) + 1);
    }
}
