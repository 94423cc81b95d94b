package calc.aggregator.rollout;

import calc.aggregator.events.Event;
import calc.aggregator.events.EventLog;
import calc.aggregator.lag.LagHistory;
import calc.aggregator.lag.LagSample;
import calc.aggregator.rollout.RolloutGates.Candidate;
import calc.aggregator.rollout.VerdictReport.LagGrowth;
import calc.aggregator.streams.LocalStores;
import calc.aggregator.topology.ServiceSecond;
import calc.aggregator.topology.StoreNames;
import calc.aggregator.web.InvalidIdException;
import calc.aggregator.web.InvalidParameterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rollout/verdict?service=&baseline=&canary=&window=}: judges the canary version
 * against the baseline over the last {@code window} (default and maximum configured), from the
 * per-second shares of every local task and the lag history of the consumer group named like the
 * service. A baseline with too few results in the window (its last members left) is taken over
 * the whole history instead. See {@link RolloutGates} for the rules.
 */
@RestController
public class RolloutController {
    private static final Duration PROCESSING_ALLOWANCE = Duration.ofSeconds(30);
    /** The same verdict asked for again within this is not another event on the dashboard's timeline. */
    private static final Duration REPEATED_VERDICT = Duration.ofMinutes(1);

    private final LocalStores stores;
    private final LagHistory lagHistory;
    private final RolloutProperties settings;
    private final RolloutGates gates;
    private final EventLog events;
    private final Clock clock;

    public RolloutController(LocalStores stores, LagHistory lagHistory, RolloutProperties settings, EventLog events,
            Clock clock) {
        this.stores = stores;
        this.events = events;
        this.clock = clock;
        this.lagHistory = lagHistory;
        this.settings = settings;
        this.gates = new RolloutGates(settings);
    }

    @GetMapping("/api/rollout/verdict")
    public VerdictReport verdict(@RequestParam("service") String service, @RequestParam("baseline") String baseline,
            @RequestParam("canary") String canary, @RequestParam(name = "window", required = false) String window) {
        // Ids build store key ranges ("service/version/second"): checked before any lookup.
        InvalidIdException.requireValid("service", service);
        InvalidIdException.requireValid("baseline", baseline);
        InvalidIdException.requireValid("canary", canary);
        Instant now = clock.instant();
        Window history = Window.ending(now, settings.maxWindow());
        List<ServiceSecond> baselineShares = shares(service, baseline, history);
        List<ServiceSecond> canaryShares = shares(service, canary, history);
        Window judged = Window.ending(processedUpTo(now, baselineShares, canaryShares), windowLength(window));
        WindowKpis baselineKpis = WindowKpis.of(baselineShares, judged);
        if (baselineKpis.requests() < settings.minSamples()) {
            // The last members of the baseline have left: its recent history is the reference.
            baselineKpis = WindowKpis.of(baselineShares, Window.ending(judged.end(), settings.maxWindow()));
        }
        WindowKpis canaryKpis = WindowKpis.of(canaryShares, judged);
        VerdictReport report = gates.judge(service, judged, new Candidate(baseline, baselineKpis),
                new Candidate(canary, canaryKpis), lagGrowth(service, judged));
        if (canaryKpis.requests() == 0) {
            // Nothing to judge: made-up versions must not push the members' events off the dashboard.
            return report;
        }
        events.addUnlessRepeated(new Event(now, service, Event.Kind.VERDICT, null, canary,
                report.verdict() + ": " + canary + " vs " + baseline + " over " + report.windowSeconds() + " s"),
                REPEATED_VERDICT);
        return report;
    }

    private List<ServiceSecond> shares(String service, String version, Window window) {
        return stores.range(StoreNames.SERVICE_SECONDS,
                ServiceSecond.key(service, version, window.firstSecond()),
                ServiceSecond.key(service, version, window.lastSecond()));
    }

    /**
     * The window ends at the last second the aggregator has results of, so a busy aggregator that
     * reads a few seconds behind judges what it has read rather than an empty tail; but never more
     * than {@link #PROCESSING_ALLOWANCE} back, so a step is never judged on traffic that ended
     * before it.
     */
    private static Instant processedUpTo(Instant now, List<ServiceSecond> baseline, List<ServiceSecond> canary) {
        long latest = Stream.concat(baseline.stream(), canary.stream())
                .mapToLong(ServiceSecond::epochSecond).max().orElse(now.getEpochSecond());
        Instant processed = Instant.ofEpochSecond(latest);
        Instant earliestAllowed = now.minus(PROCESSING_ALLOWANCE);
        return processed.isBefore(earliestAllowed) ? earliestAllowed : processed.isAfter(now) ? now : processed;
    }

    /** The group is named like the service; a history younger than the window starts at its oldest sample. */
    private LagGrowth lagGrowth(String group, Window window) {
        Optional<LagSample> atStart = lagHistory.sampleAt(group, window.start()).or(() -> lagHistory.oldest(group));
        return LagGrowth.of(group, atStart.map(LagSample::totalLag), lagHistory.latest(group).map(LagSample::totalLag));
    }

    private Duration windowLength(String window) {
        if (window == null) {
            return settings.defaultWindow();
        }
        Duration length;
        try {
            length = DurationStyle.detectAndParse(window.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("window must be a duration such as 30s or 2m, not " + window);
        }
        if (length.toSeconds() < 1 || length.compareTo(settings.maxWindow()) > 0) {
            throw new InvalidParameterException("window must be from 1s to " + settings.maxWindow().toSeconds() + "s");
        }
        return length;
    }

}
