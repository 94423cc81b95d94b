package calc.aggregator.rollout;

import calc.aggregator.events.Event;
import calc.aggregator.events.EventLog;
import calc.aggregator.lag.LagHistory;
import calc.aggregator.lag.LagSample;
import calc.aggregator.rollout.RolloutGates.Candidate;
import calc.aggregator.rollout.VerdictReport.LagGrowth;
import calc.aggregator.query.ClusterShares;
import calc.aggregator.query.ShareQuery;
import calc.aggregator.state.ServiceSecond;
import calc.aggregator.state.StoreNames;
import calc.aggregator.web.InvalidIdException;
import calc.aggregator.web.InvalidParameterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/rollout/verdict?service=&baseline=&canary=&window=}: judges the canary version
 * against the baseline over the last {@code window} (default and maximum configured), from the
 * per-second shares of every partition of every instance and the lag history of the consumer
 * group named like the service. A baseline with too few results in the window (its last members
 * left) is taken over the whole history instead. See {@link RolloutGates} for the rules.
 * {@code POST} with the same parameters judges the same way and also records the verdict on the
 * dashboard's timeline: a rollout tool posts the verdicts it acts on; looking never writes.
 */
@RestController
public class RolloutController {
    private static final Duration PROCESSING_ALLOWANCE = Duration.ofSeconds(30);
    /** The same verdict recorded again within this is not another event on the dashboard's timeline. */
    private static final Duration REPEATED_VERDICT = Duration.ofMinutes(1);

    private final ClusterShares shares;
    private final LagHistory lagHistory;
    private final RolloutProperties settings;
    private final RolloutGates gates;
    private final EventLog events;
    private final Clock clock;

    public RolloutController(ClusterShares shares, LagHistory lagHistory, RolloutProperties settings, EventLog events,
            Clock clock) {
        this.shares = shares;
        this.events = events;
        this.clock = clock;
        this.lagHistory = lagHistory;
        this.settings = settings;
        this.gates = new RolloutGates(settings);
    }

    @GetMapping("/api/rollout/verdict")
    public VerdictReport verdict(@RequestParam("service") String service, @RequestParam("baseline") String baseline,
            @RequestParam("canary") String canary, @RequestParam(name = "window", required = false) String window) {
        return judge(service, baseline, canary, window, clock.instant());
    }

    @PostMapping("/api/rollout/verdict")
    public VerdictReport record(@RequestParam("service") String service, @RequestParam("baseline") String baseline,
            @RequestParam("canary") String canary, @RequestParam(name = "window", required = false) String window) {
        Instant now = clock.instant();
        VerdictReport report = judge(service, baseline, canary, window, now);
        if (report.canary().requests() > 0) {
            // Nothing judged, nothing to show: made-up versions must not push the members' events off the timeline.
            events.addUnlessRepeated(new Event(now, service, Event.Kind.VERDICT, null, canary,
                    report.verdict() + ": " + canary + " vs " + baseline + " over " + report.windowSeconds() + " s"),
                    REPEATED_VERDICT);
        }
        return report;
    }

    private VerdictReport judge(String service, String baseline, String canary, String window, Instant now) {
        // Ids build store key ranges ("service/version/second"): checked before any lookup.
        InvalidIdException.requireValid("service", service);
        InvalidIdException.requireValid("baseline", baseline);
        InvalidIdException.requireValid("canary", canary);
        Duration length = windowLength(window);
        Window history = Window.ending(now, settings.maxWindow());
        List<ServiceSecond> seconds = shares.read(StoreNames.SERVICE_SECONDS, ShareQuery.ranges(List.of(
                range(service, baseline, history), range(service, canary, history))));
        List<ServiceSecond> baselineShares = ofVersion(seconds, baseline);
        List<ServiceSecond> canaryShares = ofVersion(seconds, canary);
        Window judged = Window.ending(processedUpTo(now, seconds), length);
        WindowKpis baselineKpis = WindowKpis.of(baselineShares, judged);
        if (baselineKpis.requests() < settings.minSamples()) {
            // The last members of the baseline have left: its recent history is the reference.
            baselineKpis = WindowKpis.of(baselineShares, Window.ending(judged.end(), settings.maxWindow()));
        }
        WindowKpis canaryKpis = WindowKpis.of(canaryShares, judged);
        return gates.judge(service, judged, new Candidate(baseline, baselineKpis), new Candidate(canary, canaryKpis),
                lagGrowth(service, judged));
    }

    private static String[] range(String service, String version, Window window) {
        return new String[] {ServiceSecond.key(service, version, window.firstSecond()),
                ServiceSecond.key(service, version, window.lastSecond())};
    }

    private static List<ServiceSecond> ofVersion(List<ServiceSecond> seconds, String version) {
        return seconds.stream().filter(second -> second.version().equals(version)).toList();
    }

    /**
     * The window ends at the last second the aggregator has results of, so a busy aggregator that
     * reads a few seconds behind judges what it has read rather than an empty tail; but never more
     * than {@link #PROCESSING_ALLOWANCE} back, so a step is never judged on traffic that ended
     * before it.
     */
    private static Instant processedUpTo(Instant now, List<ServiceSecond> seconds) {
        long latest = seconds.stream().mapToLong(ServiceSecond::epochSecond).max().orElse(now.getEpochSecond());
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
