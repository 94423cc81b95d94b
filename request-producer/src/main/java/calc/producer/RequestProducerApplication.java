package calc.producer;

import calc.contract.Topics;
import calc.producer.load.LoadCommand;
import calc.producer.publish.KafkaSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Publishes calculation requests. Without arguments it serves the REST API; with {@code load}
 * as first argument it runs the load generator and exits with its status.
 */
@SpringBootApplication
@EnableConfigurationProperties({Topics.class, KafkaSettings.class, ProducerSettings.class})
public class RequestProducerApplication {

    public static void main(String[] args) {
        if (LoadCommand.isRequested(args)) {
            System.exit(LoadCommand.run(RequestProducerApplication.class, args));
        }
        SpringApplication.run(RequestProducerApplication.class, args);
    }
}
