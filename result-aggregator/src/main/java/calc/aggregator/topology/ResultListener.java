package calc.aggregator.topology;

import calc.contract.CalculationResult;

/**
 * Told of each request's first result as the aggregator counts it, with the service and version
 * that answered. Called on a stream thread: must be quick and must not throw. A task that aborts
 * and reprocesses may tell of a result twice, so a listener suits metrics, not accounting.
 */
@FunctionalInterface
public interface ResultListener {
    ResultListener NONE = (result, service, version) -> { };

    void firstResult(CalculationResult result, String service, String version);
}
