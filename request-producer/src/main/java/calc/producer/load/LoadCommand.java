package calc.producer.load;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The {@code load} command: options are checked before anything starts (a bad command line
 * exits 2 with usage), then the application runs without a web server and its status is 0 only
 * when every record was acknowledged.
 */
public final class LoadCommand {
    public static final String NAME = "load";
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private LoadCommand() {
    }

    public static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the command and returns the process exit status; main passes it to System.exit. */
    public static int run(Class<?> application, String[] args) {
        List<String> options = Arrays.asList(args).subList(1, args.length);
        if (LoadOptions.wantsHelp(options)) {
            System.out.println(LoadOptions.USAGE);
            return OK;
        }
        LoadOptions parsed;
        try {
            parsed = LoadOptions.parse(options);
        } catch (InvalidOptionsException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            return USAGE;
        }
        try {
            return SpringApplication.exit(start(application, parsed, args));
        } catch (RuntimeException e) {
            // Spring Boot has logged why the start failed; the user gets the short reason too.
            System.err.println("load failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static ConfigurableApplicationContext start(Class<?> application, LoadOptions options, String[] args) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        // stdout carries the run's own lines; Spring's start-up chatter would only bury them.
        app.setDefaultProperties(Map.of("logging.level.root", "WARN"));
        app.addInitializers(context -> {
            GenericApplicationContext generic = (GenericApplicationContext) context;
            generic.registerBean(LoadOptions.class, () -> options);
            generic.registerBean(LoadRunner.class);
        });
        return app.run(args);
    }
}
