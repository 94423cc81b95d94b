package calc.add;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The add service: the shared worker runtime plus {@link Add}. */
@SpringBootApplication
public class AddWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AddWorkerApplication.class, args);
    }
}
