package calc.contract;

/** Why a request got an ERROR result; the codes are part of the public contract. */
public enum ErrorCode {
    INVALID_REQUEST,
    UNSUPPORTED_OPERATION,
    OVERFLOW,
    BUDGET_EXCEEDED,
    /** Only in REST error bodies: the service cannot serve the call right now. */
    UNAVAILABLE,
    /** Only in REST error bodies: the requested resource is unknown. */
    NOT_FOUND
}
