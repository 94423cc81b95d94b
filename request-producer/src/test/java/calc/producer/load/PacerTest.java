package calc.producer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long START = 1_000_000_000_000L;

    @Test
    void sendsAreDueEvenlyAtTheRate() {
        // Given
        Pacer pacer = new Pacer(100, START);

        // Then
        assertThat(pacer.dueNanos(0)).isEqualTo(START);
        assertThat(pacer.dueNanos(1)).isEqualTo(START + 10_000_000);
        assertThat(pacer.dueNanos(100)).isEqualTo(START + 1_000_000_000);
        assertThat(pacer.dueNanos(1_000_000)).isEqualTo(START + 10_000_000_000_000L);
    }

    @Test
    void aFractionalRateSpacesSendsByMoreThanASecond() {
        assertThat(new Pacer(0.5, START).dueNanos(3)).isEqualTo(START + 6_000_000_000L);
    }

    @Test
    void theDelayIsTheTimeLeftAndNeverNegative() {
        // Given
        Pacer pacer = new Pacer(1000, START);

        // Then: send 5 is due 5 ms after the start
        assertThat(pacer.delayNanos(5, START)).isEqualTo(5_000_000);
        assertThat(pacer.delayNanos(5, START + 4_000_000)).isEqualTo(1_000_000);
        assertThat(pacer.delayNanos(5, START + 5_000_000)).isZero();
        // a late sender catches up instead of shifting the schedule
        assertThat(pacer.delayNanos(5, START + 60_000_000)).isZero();
    }

    @Test
    void rateZeroNeverWaits() {
        Pacer pacer = new Pacer(0, START);

        assertThat(pacer.delayNanos(1_000_000, START)).isZero();
    }

    @Test
    void awaitTurnReturnsOnceTheSendIsDue() {
        // Given: a clock that moves 1 ms at each reading
        AtomicLong clock = new AtomicLong(START);
        Pacer pacer = new Pacer(1000, START);

        // When
        boolean due = pacer.awaitTurn(3, () -> clock.addAndGet(1_000_000));

        // Then
        assertThat(due).isTrue();
        assertThat(clock.get()).isEqualTo(START + 3_000_000);
    }

    @Test
    void aNegativeOrInfiniteRateIsRefused() {
        assertThatThrownBy(() -> new Pacer(-1, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.POSITIVE_INFINITY, START)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
