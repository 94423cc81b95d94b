package calc.aggregator.dashboard;

import calc.aggregator.query.ClusterShares;
import calc.aggregator.query.ShareQuery;
import calc.aggregator.state.RecentSeconds;
import calc.aggregator.state.ServiceAggregate;
import calc.aggregator.state.ServiceSecond;
import calc.aggregator.state.StoreNames;
import calc.aggregator.web.InvalidParameterException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/series?minutes=5}: per (service, version), results per second and their p99
 * latency over the last minutes (1 to the 10 the aggregator keeps per second), for the dashboard's charts.
 */
@RestController
public class SeriesController {
    private final ClusterShares shares;
    private final Clock clock;

    public SeriesController(ClusterShares shares, Clock clock) {
        this.shares = shares;
        this.clock = clock;
    }

    @GetMapping("/api/series")
    public Series series(@RequestParam(name = "minutes", defaultValue = "5") String minutes) {
        long length = minutes(minutes) * 60;
        long to = clock.instant().getEpochSecond();
        long from = to - length + 1;
        Map<String, List<String>> versions = versions();
        List<String[]> ranges = new ArrayList<>();
        versions.forEach((service, names) -> names.forEach(version -> ranges.add(new String[] {
                ServiceSecond.key(service, version, from), ServiceSecond.key(service, version, to)})));
        List<ServiceSecond> seconds = ranges.isEmpty() ? List.of()
                : shares.read(StoreNames.SERVICE_SECONDS, ShareQuery.ranges(ranges));
        return Series.of(from, to, versions, seconds);
    }

    /** Every (service, version) that ever answered, services and versions in name order. */
    private Map<String, List<String>> versions() {
        return shares.<ServiceAggregate>read(StoreNames.SERVICES, ShareQuery.all()).stream()
                .collect(Collectors.groupingBy(ServiceAggregate::service, TreeMap::new,
                        Collectors.mapping(ServiceAggregate::version, Collectors.collectingAndThen(
                                Collectors.toCollection(TreeSet::new), List::copyOf))));
    }

    private static long minutes(String text) {
        long max = RecentSeconds.HISTORY.toMinutes();
        try {
            long minutes = Long.parseLong(text.trim());
            if (minutes >= 1 && minutes <= max) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw new InvalidParameterException("minutes must be a whole number from 1 to " + max + ", not " + text);
    }
}
