package calc.multiply;

import calc.worker.Calculator;
import calc.worker.WorkerProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the multiply algorithm from the instance's version label ({@code calc.worker.version}):
 * v1 is {@link Multiply}, v2 is {@link RepeatedAddition}. Any other label stops the start.
 */
@Configuration
public class MultiplyVersions {

    @Bean
    Calculator multiplyCalculator(WorkerProperties settings,
            @Value("${calc.multiply.iteration-budget:50000000}") long iterationBudget) {
        return switch (settings.version()) {
            case "v1" -> new Multiply();
            case "v2" -> new RepeatedAddition(iterationBudget);
            default -> throw new IllegalArgumentException(
                    "multiply-worker has versions v1 and v2, not " + settings.version());
        };
    }
}
