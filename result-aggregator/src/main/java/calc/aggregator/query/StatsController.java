package calc.aggregator.query;

import calc.aggregator.state.ServiceAggregate;
import calc.aggregator.state.ServiceSecond;
import calc.aggregator.state.StoreNames;
import calc.aggregator.state.Totals;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: per (service, version) figures and totals, merged over every partition of every instance. */
@RestController
public class StatsController {
    private final ClusterShares shares;
    private final Clock clock;

    public StatsController(ClusterShares shares, Clock clock) {
        this.shares = shares;
        this.clock = clock;
    }

    @GetMapping("/api/stats")
    public StatsReport stats() {
        long now = clock.instant().getEpochSecond();
        List<ServiceAggregate> services = shares.read(StoreNames.SERVICES, ShareQuery.all());
        Map<String, String[]> lastMinuteByVersion = new TreeMap<>();
        services.forEach(s -> lastMinuteByVersion.put(ServiceAggregate.key(s.service(), s.version()), new String[] {
                ServiceSecond.key(s.service(), s.version(), now - StatsReport.RATE_SECONDS + 1),
                ServiceSecond.key(s.service(), s.version(), now)}));
        List<ServiceSecond> lastMinute = lastMinuteByVersion.isEmpty() ? List.of()
                : shares.read(StoreNames.SERVICE_SECONDS, ShareQuery.ranges(List.copyOf(lastMinuteByVersion.values())));
        List<Totals> totals = shares.read(StoreNames.TOTALS, ShareQuery.key(StoreNames.TOTAL_KEY));
        List<Long> deadLetters = shares.read(StoreNames.DEAD_LETTERS, ShareQuery.key(StoreNames.TOTAL_KEY));
        return StatsReport.of(services, lastMinute, totals, deadLetters);
    }
}
