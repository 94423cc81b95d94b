package calc.producer.load;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalculationRequest;
import calc.contract.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RequestGeneratorTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00.123Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void theSameSeedGivesTheSameRequests() {
        // Given
        LoadOptions options = options(Map.of(Operation.MULTIPLY, 1, Operation.ADD, 1), -1000, 1000);

        // When
        List<CalculationRequest> first = generate(options, 42, 100);
        List<CalculationRequest> second = generate(options, 42, 100);

        // Then
        assertThat(first).isEqualTo(second);
        assertThat(first.get(0).requestId()).isEqualTo("demo-1-1");
        assertThat(first.get(99).requestId()).isEqualTo("demo-1-100");
        assertThat(first).allSatisfy(request -> {
            assertThat(request.batchId()).isEqualTo("demo-1");
            assertThat(request.submittedAt()).isEqualTo(NOW);
            assertThat(request.a()).isBetween(-1000L, 1000L);
            assertThat(request.b()).isBetween(-1000L, 1000L);
        });
    }

    @Test
    void operationsFollowTheWeights() {
        // Given
        LoadOptions options = options(Map.of(Operation.MULTIPLY, 3, Operation.ADD, 1), 0, 0);

        // When
        Map<Operation, Long> counts = generate(options, 7, 10_000).stream()
                .collect(Collectors.groupingBy(CalculationRequest::operation, Collectors.counting()));

        // Then: 7,500 expected multiply; 3 standard deviations are about 130
        assertThat(counts.get(Operation.MULTIPLY)).isBetween(7_350L, 7_650L);
        assertThat(counts.get(Operation.MULTIPLY) + counts.get(Operation.ADD)).isEqualTo(10_000);
    }

    @Test
    void anOperationWithoutWeightIsNeverDrawn() {
        // Given
        LoadOptions options = options(Map.of(Operation.ADD, 1), -1, 1);

        // Then
        assertThat(generate(options, 1, 1_000)).extracting(CalculationRequest::operation).containsOnly(Operation.ADD);
    }

    @Test
    void operandsCoverBothBoundsOfASmallRange() {
        // Given
        LoadOptions options = options(Map.of(Operation.ADD, 1), -2, 2);

        // When
        List<Long> operands = generate(options, 3, 1_000).stream()
                .flatMap(request -> List.of(request.a(), request.b()).stream()).toList();

        // Then
        assertThat(operands).containsOnly(-2L, -1L, 0L, 1L, 2L).contains(-2L, 2L);
    }

    @Test
    void operandsMayReachTheEdgesOfSixtyFourBits() {
        // Given
        LoadOptions top = options(Map.of(Operation.MULTIPLY, 1), Long.MAX_VALUE - 1, Long.MAX_VALUE);
        LoadOptions full = options(Map.of(Operation.MULTIPLY, 1), Long.MIN_VALUE, Long.MAX_VALUE);
        LoadOptions single = options(Map.of(Operation.MULTIPLY, 1), Long.MIN_VALUE, Long.MIN_VALUE);

        // Then
        assertThat(generate(top, 5, 200)).extracting(CalculationRequest::a)
                .containsOnly(Long.MAX_VALUE - 1, Long.MAX_VALUE).contains(Long.MAX_VALUE);
        assertThat(generate(full, 5, 200)).extracting(CalculationRequest::a).doesNotHaveDuplicates();
        assertThat(generate(single, 5, 10)).extracting(CalculationRequest::b).containsOnly(Long.MIN_VALUE);
    }

    private static LoadOptions options(Map<Operation, Integer> weights, long min, long max) {
        return new LoadOptions(10_000, 0, new OperationMix(weights), min, max, "demo-1", 0);
    }

    private static List<CalculationRequest> generate(LoadOptions options, long seed, int count) {
        RequestGenerator generator = new RequestGenerator(options, new Random(seed), CLOCK);
        return LongStream.rangeClosed(1, count).mapToObj(generator::next).toList();
    }
}
