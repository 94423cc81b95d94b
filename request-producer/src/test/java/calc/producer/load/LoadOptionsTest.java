package calc.producer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import calc.contract.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void noOptionsGiveTheDocumentedDefaultsAndAGeneratedBatchId() throws Exception {
        // When
        LoadOptions options = LoadOptions.parse(List.of());

        // Then
        assertThat(options.count()).isEqualTo(10_000);
        assertThat(options.rate()).isZero();
        assertThat(options.mix()).isEqualTo(new OperationMix(Map.of(Operation.MULTIPLY, 1, Operation.ADD, 1)));
        assertThat(options.min()).isEqualTo(-1000);
        assertThat(options.max()).isEqualTo(1000);
        assertThat(options.batchId()).matches("load-\\d{8}-\\d{6}-[0-9a-f]{4}");
    }

    @Test
    void everyOptionIsReadAndSpringPropertiesAreLeftToSpring() throws Exception {
        // Given
        List<String> args = List.of("--count=50", "--rate=12.5", "--mix=multiply:3,add:1", "--min=-5", "--max=7",
                "--batch-id=demo-1", "--seed=42", "--calc.kafka.bootstrap-servers=127.0.0.1:1234");

        // When
        LoadOptions options = LoadOptions.parse(args);

        // Then
        assertThat(options).isEqualTo(new LoadOptions(50, 12.5,
                new OperationMix(Map.of(Operation.MULTIPLY, 3, Operation.ADD, 1)), -5, 7, "demo-1", 42));
        assertThat(options.requestId(7)).isEqualTo("demo-1-7");
    }

    @Test
    void aMixMayLeaveAnOperationOut() throws Exception {
        // When
        LoadOptions options = LoadOptions.parse(List.of("--mix=add:2"));

        // Then
        assertThat(options.mix().weights()).isEqualTo(Map.of(Operation.ADD, 2));
        assertThat(options.mix()).hasToString("add:2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--count=0              | --count must be between 1 and 2147483647, got 0",
        "--count=abc            | --count must be an integer within 64 bits, got 'abc'",
        "--count=2147483648     | --count must be between 1 and 2147483647, got 2147483648",
        "--rate=-1              | --rate must be a number of requests per second >= 0, got '-1'",
        "--rate=fast            | --rate must be a number of requests per second >= 0, got 'fast'",
        "--rate=NaN             | --rate must be a number of requests per second >= 0, got 'NaN'",
        "--mix=divide:1         | --mix names unknown operation 'divide' (multiply, add)",
        "--mix=multiply         | --mix wants operation:weight pairs separated by commas, got 'multiply'",
        "--mix=multiply:0,add:0 | --mix needs at least one positive weight, got 'multiply:0,add:0'",
        "--mix=add:1,add:2      | --mix names add twice",
        "--mix=add:-1           | --mix weights must be integers >= 0, got '-1'",
        "--min=1.5              | --min must be an integer within 64 bits, got '1.5'",
        "--max=9223372036854775808 | --max must be an integer within 64 bits, got '9223372036854775808'",
        "--batch-id=a/b         | --batch-id must be characters of [A-Za-z0-9._:-], short enough that '<batch-id>-10000' fits 128, got 'a/b'",
        "--colour=red           | unknown option '--colour=red' (options are --name=value)",
        "--count                | unknown option '--count' (options are --name=value)",
        "count=5                | unknown option 'count=5' (options are --name=value)",
    })
    void aBadOptionIsRejectedWithAOneLineReason(String arg, String message) {
        assertThatThrownBy(() -> LoadOptions.parse(List.of(arg)))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage(message);
    }

    @Test
    void minAboveMaxIsRejected() {
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--min=5", "--max=4")))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("--min (5) must not be greater than --max (4)");
    }

    @Test
    void anOptionGivenTwiceIsRejected() {
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--count=1", "--count=2")))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessage("--count is given twice");
    }

    @Test
    void aBatchIdTooLongForTheLastRequestIdIsRejected() {
        // Given: 124 characters + "-100" = 128 fits, + "-1000" does not
        String batchId = "b".repeat(124);

        // Then
        assertThatThrownBy(() -> LoadOptions.parse(List.of("--batch-id=" + batchId, "--count=1000")))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("--batch-id must be characters of [A-Za-z0-9._:-]");
    }

    @Test
    void helpIsRecognised() {
        assertThat(LoadOptions.wantsHelp(List.of("--count=3", "--help"))).isTrue();
        assertThat(LoadOptions.wantsHelp(List.of("--count=3"))).isFalse();
    }
}
