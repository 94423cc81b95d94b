package calc.contract;

/** Every REST error body of every service: {@code {"error": {"code", "message"}}}. */
public record ErrorBody(CalcError error) {

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new CalcError(code, message));
    }

    /** The code an HTTP error status stands for: 404 is NOT_FOUND, any other 4xx the caller's fault, 5xx UNAVAILABLE. */
    public static ErrorCode codeFor(int httpStatus) {
        if (httpStatus == 404) {
            return ErrorCode.NOT_FOUND;
        }
        return httpStatus >= 400 && httpStatus < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.UNAVAILABLE;
    }
}
