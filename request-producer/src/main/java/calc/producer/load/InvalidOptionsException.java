package calc.producer.load;

/** A command line the load generator cannot run; the message is one line for the user. */
public final class InvalidOptionsException extends Exception {
    public InvalidOptionsException(String message) {
        super(message);
    }
}
