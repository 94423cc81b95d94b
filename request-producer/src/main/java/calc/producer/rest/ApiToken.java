package calc.producer.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Lets a call through when no token is configured, or when it carries the configured one as a Bearer token. */
final class ApiToken {
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    ApiToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    boolean permits(String authorization) {
        if (expected.length == 0) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        // Constant time: how long a wrong token takes says nothing about how much of it was right.
        return MessageDigest.isEqual(expected,
                authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return expected.length == 0 ? "ApiToken[none]" : "ApiToken[set]";
    }
}
