package calc.producer.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void withoutAConfiguredTokenEveryCallIsLetThrough() {
        assertThat(new ApiToken("").permits(null)).isTrue();
        assertThat(new ApiToken("").permits("Bearer anything")).isTrue();
    }

    @Test
    void withATokenOnlyThatBearerTokenIsLetThrough() {
        // Given
        ApiToken token = new ApiToken("s3cret");

        // When / Then
        assertThat(token.permits("Bearer s3cret")).isTrue();
        assertThat(token.permits("bearer s3cret")).isTrue();
        assertThat(token.permits(null)).isFalse();
        assertThat(token.permits("Bearer s3cre")).isFalse();
        assertThat(token.permits("Bearer s3cret2")).isFalse();
        assertThat(token.permits("Basic czNjcmV0")).isFalse();
        assertThat(token.permits("s3cret")).isFalse();
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
