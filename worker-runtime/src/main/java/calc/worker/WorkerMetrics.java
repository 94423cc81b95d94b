package calc.worker;

import calc.contract.CalculationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts answers only once their transaction committed, so the numbers agree with what
 * read_committed readers of {@code calc.results} see.
 */
public final class WorkerMetrics {
    private final Map<CalculationResult.Status, Counter> results = new EnumMap<>(CalculationResult.Status.class);
    private final Counter deadLetters;
    private final Counter aborted;
    private final Timer transactions;

    public WorkerMetrics(MeterRegistry registry) {
        for (CalculationResult.Status status : CalculationResult.Status.values()) {
            results.put(status, Counter.builder("calc.worker.results")
                    .description("Results committed to the results topic")
                    .tag("status", status.name()).register(registry));
        }
        deadLetters = Counter.builder("calc.worker.dead.letters")
                .description("Records committed to the dead-letter topic").register(registry);
        aborted = Counter.builder("calc.worker.transactions.aborted")
                .description("Transactions aborted and retried from the committed offsets").register(registry);
        transactions = Timer.builder("calc.worker.transactions")
                .description("Committed transactions, each answering one poll of request records")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void committed(Tally tally, long nanos) {
        results.get(CalculationResult.Status.OK).increment(tally.ok);
        results.get(CalculationResult.Status.ERROR).increment(tally.errors);
        deadLetters.increment(tally.deadLetters);
        transactions.record(nanos, TimeUnit.NANOSECONDS);
    }

    void aborted() {
        aborted.increment();
    }

    /** The answers of one transaction, not yet committed. */
    static final class Tally {
        private long ok;
        private long errors;
        private long deadLetters;

        void count(RequestHandler.Answer answer) {
            if (answer.result() != null && answer.result().isOk()) {
                ok++;
            } else if (answer.result() != null) {
                errors++;
            }
            if (answer.deadLetter() != null) {
                deadLetters++;
            }
        }
    }
}
