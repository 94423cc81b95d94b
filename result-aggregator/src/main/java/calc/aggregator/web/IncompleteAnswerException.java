package calc.aggregator.web;

/** Some partitions a figure needs were not answered: the figure would be partial, so none is given. */
public class IncompleteAnswerException extends RuntimeException {
    public IncompleteAnswerException(String message) {
        super(message);
    }
}
