package calc.producer.load;

/** Counts of a load run at one moment. */
public record Progress(long sent, long acknowledged, long failed) {
}
