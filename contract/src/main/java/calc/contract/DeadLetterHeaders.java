package calc.contract;

/**
 * Header names that every dead letter carries, as the contract lists them; {@link #REQUEST_ID}
 * only when a requestId could be recovered, which is also when an ERROR result answers it.
 */
public final class DeadLetterHeaders {
    public static final String ERROR_CODE = "calc.error.code";
    public static final String ERROR_MESSAGE = "calc.error.message";
    public static final String SOURCE_TOPIC = "calc.source.topic";
    public static final String SOURCE_PARTITION = "calc.source.partition";
    public static final String SOURCE_OFFSET = "calc.source.offset";
    public static final String WORKER_INSTANCE = "calc.worker.instance";
    public static final String REQUEST_ID = "calc.request.id";

    private DeadLetterHeaders() {
    }
}
