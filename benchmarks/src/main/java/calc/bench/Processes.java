package calc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The resources of the processes ./calc started, read from /proc by the pids ./calc recorded:
 * resident memory and CPU seconds since start (start, warm-up and every phase of the run); and
 * how long each took from start to ready, as ./calc up printed it (to within its 0.5 s polling).
 */
final class Processes {
    /** Linux reports utime and stime in USER_HZ ticks: 100 per second on x86 and ARM, where calc runs. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern READY = Pattern.compile("ready: (\\S+) in (\\d+) ms");

    private Processes() {
    }

    record Usage(long rssMb, double cpuSeconds) {
    }

    static Map<String, Usage> usage(Path calcHome) {
        Map<String, Usage> usage = new TreeMap<>();
        try (Stream<Path> files = Files.list(calcHome.resolve("pids"))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                long pid = Long.parseLong(Files.readString(file).trim());
                Path proc = Path.of("/proc", Long.toString(pid));
                if (Files.isDirectory(proc)) {
                    usage.put(name, new Usage(rssMb(Files.readString(proc.resolve("status"))),
                            cpuSeconds(Files.readString(proc.resolve("stat")))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return usage;
    }

    static long rssMb(String status) {
        Matcher matcher = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        return matcher.find() ? Long.parseLong(matcher.group(1)) / 1024 : 0;
    }

    /** Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces. */
    static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** "ready: NAME in N ms" lines of ./calc up's output. */
    static Map<String, Long> startToReadyMs(String upOutput) {
        Map<String, Long> ready = new LinkedHashMap<>();
        Matcher matcher = READY.matcher(upOutput);
        while (matcher.find()) {
            ready.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return ready;
    }
}
