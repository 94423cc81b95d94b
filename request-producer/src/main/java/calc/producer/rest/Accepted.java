package calc.producer.rest;

/** The 202 body: the id to correlate by and where the result will appear. */
record Accepted(String requestId, String resultUrl) {
}
