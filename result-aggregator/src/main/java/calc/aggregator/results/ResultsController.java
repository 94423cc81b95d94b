package calc.aggregator.results;

import calc.aggregator.streams.LocalStores;
import calc.aggregator.topology.RequestEntry;
import calc.aggregator.topology.StoreNames;
import calc.aggregator.web.InvalidIdException;
import calc.aggregator.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /api/results/{requestId}}: the answer, PENDING while there is none, 404 when the id is unknown. */
@RestController
public class ResultsController {
    private final LocalStores stores;

    public ResultsController(LocalStores stores) {
        this.stores = stores;
    }

    @GetMapping("/api/results/{requestId}")
    public ObjectNode result(@PathVariable String requestId) {
        InvalidIdException.requireValid("requestId", requestId);
        RequestEntry entry = stores.<RequestEntry>find(StoreNames.ENTRIES, requestId)
                .orElseThrow(() -> new NotFoundException("no request " + requestId + " is known"));
        return ResultView.of(requestId, entry);
    }
}
