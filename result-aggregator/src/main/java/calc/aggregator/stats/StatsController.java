package calc.aggregator.stats;

import calc.aggregator.streams.LocalStores;
import calc.aggregator.topology.ServiceAggregate;
import calc.aggregator.topology.StoreNames;
import calc.aggregator.topology.Totals;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: per (service, version) figures and totals, merged over every local task. */
@RestController
public class StatsController {
    private final LocalStores stores;
    private final Clock clock;

    public StatsController(LocalStores stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    @GetMapping("/api/stats")
    public StatsReport stats() {
        List<ServiceAggregate> services = stores.allValues(StoreNames.SERVICES);
        List<Totals> totals = stores.valuesFor(StoreNames.TOTALS, StoreNames.TOTAL_KEY);
        List<Long> deadLetters = stores.valuesFor(StoreNames.DEAD_LETTERS, StoreNames.TOTAL_KEY);
        return StatsReport.of(services, totals, deadLetters, clock.instant());
    }
}
