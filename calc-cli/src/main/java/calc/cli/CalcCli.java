package calc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Java side of {@code ./calc}: the commands whose work is HTTP, JSON or process handling,
 * which shell does badly. {@code ./calc} calls it with what it knows of the processes it started.
 * Exit codes: 0 success, 1 a failed operation, 2 a usage error.
 */
@Command(name = "calc", mixinStandardHelpOptions = true, subcommands = StatusCommand.class,
        description = "calc's command-line tools; ./calc runs them")
public final class CalcCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new CalcCli()).execute(args));
    }
}
