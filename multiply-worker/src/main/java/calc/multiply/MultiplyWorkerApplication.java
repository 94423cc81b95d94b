package calc.multiply;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The multiply service: the shared worker runtime plus {@link Multiply}. */
@SpringBootApplication
public class MultiplyWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(MultiplyWorkerApplication.class, args);
    }
}
