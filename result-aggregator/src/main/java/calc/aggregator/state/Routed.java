package calc.aggregator.state;

/**
 * An observation with the decision whether it can go straight to correlation or must be re-keyed
 * through the repartition topic first. Lives only between two processors of one task: never
 * serialized.
 */
record Routed(Observation observation, boolean atHome) {
}
