package calc.producer;

import calc.contract.KafkaConnection;
import calc.contract.Topics;
import calc.contract.web.ContractWebErrors;
import calc.producer.load.LoadCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Publishes calculation requests. Without arguments it serves the REST API; with {@code load}
 * as first argument it runs the load generator and exits with its status.
 */
@SpringBootApplication
@EnableConfigurationProperties({Topics.class, KafkaConnection.class, ProducerSettings.class})
@Import(ContractWebErrors.class)
public class RequestProducerApplication {

    public static void main(String[] args) {
        if (LoadCommand.isRequested(args)) {
            System.exit(LoadCommand.run(RequestProducerApplication.class, args));
        }
        SpringApplication.run(RequestProducerApplication.class, args);
    }
}
