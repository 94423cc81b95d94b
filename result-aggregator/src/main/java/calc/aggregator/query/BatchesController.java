package calc.aggregator.query;

import calc.aggregator.state.BatchAggregate;
import calc.aggregator.state.StoreNames;
import calc.aggregator.web.InvalidIdException;
import calc.aggregator.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/batches/{batchId}}: the batch's progress, its shares merged over every partition of every instance. */
@RestController
public class BatchesController {
    private final ClusterShares shares;

    public BatchesController(ClusterShares shares) {
        this.shares = shares;
    }

    @GetMapping("/api/batches/{batchId}")
    public BatchSummary batch(@PathVariable String batchId) {
        InvalidIdException.requireValid("batchId", batchId);
        BatchAggregate merged = shares.<BatchAggregate>read(StoreNames.BATCHES, ShareQuery.key(batchId)).stream()
                .reduce(BatchAggregate.empty(), BatchAggregate::add);
        if (merged.requested() == 0 && merged.completed() == 0) {
            throw new NotFoundException("no batch " + batchId + " is known");
        }
        return BatchSummary.of(batchId, merged);
    }
}
