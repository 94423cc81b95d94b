package calc.aggregator.web;

/** Another instance did not answer a call this one made to it. */
public class PeerUnavailableException extends RuntimeException {
    /** @param instance the other instance's name, host:port */
    public PeerUnavailableException(String instance, String reason, Throwable cause) {
        super("the aggregator instance " + instance + " did not answer (" + reason + ")", cause);
    }
}
