package calc.aggregator.rollout;

/** The outcome of judging a canary: go on, roll back, or not enough evidence yet. */
public enum Verdict {
    PASS, FAIL, INCONCLUSIVE
}
