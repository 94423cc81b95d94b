package calc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberNameTest {

    @Test
    void aWorkersClientIdCarriesItsInstanceAndVersion() {
        MemberName name = MemberName.of("multiply-worker-3", "v2");

        assertThat(name.clientId()).isEqualTo("multiply-worker-3@v2");
        assertThat(MemberName.parse(name.clientId())).isEqualTo(name);
    }

    @Test
    void aSuffixAppendedByAClientLibraryIsIgnored() {
        assertThat(MemberName.parse("result-aggregator@1.4.0-StreamThread-1-consumer"))
                .isEqualTo(MemberName.of("result-aggregator", "1.4.0"));
    }

    @Test
    void aClientIdWithoutTheConventionNamesTheInstanceOnly() {
        assertThat(MemberName.parse("console-consumer-1"))
                .isEqualTo(new MemberName("console-consumer-1", Optional.empty()));
    }

    @Test
    void versionsOutsideTheCharsetAreRefused() {
        assertThatThrownBy(() -> MemberName.of("w", "v2-beta"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("v2-beta");
    }
}
