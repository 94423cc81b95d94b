package calc.worker;

import calc.contract.Operation;

/**
 * The only thing a worker service adds to the shared runtime: the arithmetic of one operation.
 * An implementation either returns the exact answer or throws {@link CalculationFailure}.
 */
public interface Calculator {

    Operation operation();

    long calculate(long a, long b);
}
