package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status rules over a window of 4 refreshes, 5 s apart, with STOPPED after 2 minutes without a commit. */
class PartitionTrackTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void aCaughtUpPartitionIsOkHoweverLongItsOffsetStandsStill() {
        assertThat(statuses(true, new long[] {10, 10, 10, 10, 10}, new long[] {0, 0, 0, 0, 0}))
                .containsOnly(LagStatus.OK);
    }

    @Test
    void consumingWhileTheLagGrowsAtEveryRefreshOfAFullWindowWarns() {
        assertThat(statuses(true, new long[] {10, 20, 30, 40, 50}, new long[] {5, 8, 9, 12, 12}))
                .containsExactly(LagStatus.OK, LagStatus.OK, LagStatus.OK, LagStatus.WARN, LagStatus.OK);
    }

    @Test
    void anOwnedPartitionWhoseOffsetStandsStillForAFullWindowStalls() {
        assertThat(statuses(true, new long[] {10, 10, 10, 10, 11}, new long[] {5, 5, 6, 6, 6}))
                .containsExactly(LagStatus.OK, LagStatus.OK, LagStatus.OK, LagStatus.STALLED, LagStatus.OK);
    }

    @Test
    void anUnownedPartitionWhoseOffsetStandsStillForAFullWindowIsStopped() {
        assertThat(statuses(false, new long[] {10, 10, 10, 10}, new long[] {5, 5, 5, 5}))
                .containsExactly(LagStatus.OK, LagStatus.OK, LagStatus.OK, LagStatus.STOPPED);
    }

    @Test
    void noCommitForLongerThanTheThresholdIsStoppedEvenWithAnOwner() {
        PartitionTrack track = new PartitionTrack(100, Duration.ofMinutes(2));
        track.observe(START, 10, 5, true);

        assertThat(track.observe(START.plusSeconds(119), 10, 5, true)).isEqualTo(LagStatus.OK);
        assertThat(track.observe(START.plusSeconds(120), 10, 5, true)).isEqualTo(LagStatus.STOPPED);
    }

    @Test
    void anOffsetThatWentBackwardsRewindsUntilItLeavesTheWindow() {
        assertThat(statuses(true, new long[] {50, 20, 30, 40, 50, 60}, new long[] {5, 35, 25, 15, 5, 3}))
                .containsExactly(LagStatus.OK, LagStatus.REWIND, LagStatus.REWIND, LagStatus.REWIND, LagStatus.OK,
                        LagStatus.OK);
    }

    private static List<LagStatus> statuses(boolean owned, long[] committed, long[] lag) {
        PartitionTrack track = new PartitionTrack(4, Duration.ofMinutes(2));
        List<LagStatus> statuses = new ArrayList<>();
        for (int i = 0; i < committed.length; i++) {
            statuses.add(track.observe(START.plusSeconds(5L * i), committed[i], lag[i], owned));
        }
        return statuses;
    }
}
