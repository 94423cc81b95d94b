package calc.contract;

import java.util.Objects;

/** The {@code error} object of results and of every REST error body. */
public record CalcError(ErrorCode code, String message) {
    public CalcError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
