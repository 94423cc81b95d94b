package calc.producer.load;

import calc.producer.publish.RequestPublisher;
import java.time.Clock;
import java.util.Random;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Runs one load run once the application has started and remembers its outcome as the exit
 * code: 0 when every record was acknowledged, 1 otherwise. Registered only by {@link LoadCommand}.
 */
final class LoadRunner implements ApplicationRunner, ExitCodeGenerator {
    private final LoadOptions options;
    private final RequestPublisher publisher;
    private volatile int exitCode = LoadCommand.FAILED;

    LoadRunner(LoadOptions options, RequestPublisher publisher) {
        this.options = options;
        this.publisher = publisher;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        System.out.println("load started: " + options.describe());
        RequestGenerator requests = new RequestGenerator(options, new Random(options.seed()), Clock.systemUTC());
        LoadReport report = new LoadGenerator(publisher, System.err, Terminal.stderrIsTerminal()).run(options, requests);
        if (report.firstFailure() != null) {
            System.err.println("first failure: " + report.firstFailure());
        }
        System.out.println(report.line());
        exitCode = report.succeeded() ? LoadCommand.OK : LoadCommand.FAILED;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
