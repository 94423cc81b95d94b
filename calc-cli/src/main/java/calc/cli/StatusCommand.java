package calc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./calc status --json}: every process ./calc started (name, service, version, pid, port,
 * URL and whether it is ready), the aggregator instances, and the consumer groups with their
 * members and lag as the aggregator reads them, as one JSON document for scripts.
 */
@Command(name = "status", description = "What runs, as JSON: processes, aggregator instances, groups and lag")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", required = true, description = "print JSON (the only form this command prints)")
    boolean json;

    @Parameters(paramLabel = "PROCESS",
            description = "name:service:version:pid:port:alive for each process; service, version or port - when none")
    List<String> processes = new ArrayList<>();

    @Override
    public Integer call() {
        List<Status.Process> known = new ArrayList<>();
        for (String process : processes) {
            known.add(Status.Process.parse(process));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Status.of(known, new Http()).toJson());
        out.flush();
        return 0;
    }
}
