package calc.producer.load;

import calc.contract.CalculationRequest;
import calc.producer.publish.RequestPublisher;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sends {@code count} generated requests at the paced rate without waiting for each
 * acknowledgement (the producer pipelines them), then waits until every one is acknowledged or
 * failed. Progress goes to {@code progressOut} once a second.
 */
public final class LoadGenerator {
    private final RequestPublisher publisher;
    private final PrintStream progressOut;
    private final boolean terminal;
    private final LongSupplier nanoTime = System::nanoTime;

    public LoadGenerator(RequestPublisher publisher, PrintStream progressOut, boolean terminal) {
        this.publisher = publisher;
        this.progressOut = progressOut;
        this.terminal = terminal;
    }

    public LoadReport run(LoadOptions options, RequestGenerator requests) throws InterruptedException {
        LoadCounters counters = new LoadCounters(options.count());
        ProgressReporter progress = new ProgressReporter(progressOut, terminal, counters::snapshot, nanoTime);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-progress");
            thread.setDaemon(true);
            return thread;
        });
        long start = nanoTime.getAsLong();
        ticker.scheduleAtFixedRate(progress, 1, 1, TimeUnit.SECONDS);
        try {
            sendAll(options, requests, counters, new Pacer(options.rate(), start));
            publisher.flush();
            counters.awaitAllCompleted();
        } finally {
            ticker.shutdownNow();
        }
        long elapsed = nanoTime.getAsLong() - start;
        progress.run();
        progress.finish();
        return new LoadReport(options.batchId(), options.count(), counters.snapshot(), elapsed, describe(counters.firstFailure()));
    }

    private void sendAll(LoadOptions options, RequestGenerator requests, LoadCounters counters, Pacer pacer)
            throws InterruptedException {
        for (long n = 1; n <= options.count(); n++) {
            if (!pacer.awaitTurn(n - 1, nanoTime)) {
                throw new InterruptedException("load run interrupted after sending " + (n - 1) + " requests");
            }
            CalculationRequest request = requests.next(n);
            counters.sent();
            publisher.publish(request).whenComplete((metadata, error) -> {
                if (error != null) {
                    counters.failed(error);
                } else {
                    counters.acknowledged();
                }
            });
        }
    }

    private static String describe(Throwable failure) {
        return failure == null ? null : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
