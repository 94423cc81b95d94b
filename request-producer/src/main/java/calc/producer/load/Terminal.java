package calc.producer.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether standard error is a terminal, which decides how progress is drawn. */
final class Terminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /**
     * On Linux the stderr descriptor links to its device; elsewhere an interactive console is
     * the best hint Java 17 offers.
     */
    static boolean stderrIsTerminal() {
        if (Files.isSymbolicLink(STDERR_LINK)) {
            try {
                String target = Files.readSymbolicLink(STDERR_LINK).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }
}
