package calc.aggregator.batches;

import calc.aggregator.streams.LocalStores;
import calc.aggregator.topology.BatchAggregate;
import calc.aggregator.topology.StoreNames;
import calc.aggregator.web.InvalidIdException;
import calc.aggregator.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/batches/{batchId}}: the batch's shares from every local task, merged; 404 when unknown. */
@RestController
public class BatchesController {
    private final LocalStores stores;

    public BatchesController(LocalStores stores) {
        this.stores = stores;
    }

    @GetMapping("/api/batches/{batchId}")
    public BatchSummary batch(@PathVariable String batchId) {
        InvalidIdException.requireValid("batchId", batchId);
        BatchAggregate merged = stores.<BatchAggregate>valuesFor(StoreNames.BATCHES, batchId).stream()
                .reduce(BatchAggregate::merge)
                .orElseThrow(() -> new NotFoundException("no batch " + batchId + " is known"));
        return BatchSummary.of(batchId, merged);
    }
}
