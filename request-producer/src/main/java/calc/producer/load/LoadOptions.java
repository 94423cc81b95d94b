package calc.producer.load;

import calc.contract.RequestParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The options of {@code load}, each {@code --name=value} with a default. Arguments whose name
 * holds a dot ({@code --calc.kafka.bootstrap-servers=...}) are Spring properties and are left to Spring.
 *
 * @param count how many requests to send, 1 to 2^31-1
 * @param rate requests per second, 0 = as fast as possible
 * @param mix relative weights of the operations
 * @param min smallest operand
 * @param max largest operand, not below min
 * @param batchId groups the requests; request ids are {@code <batchId>-<n>}
 * @param seed seeds the random operations and operands, so a run can be repeated
 */
public record LoadOptions(long count, double rate, OperationMix mix, long min, long max, String batchId, long seed) {

    public static final String USAGE = """
            usage: java -jar request-producer.jar load [options] [--calc.some.property=value ...]
              --count=N          requests to send (default 10000)
              --rate=R           requests per second, 0 = as fast as possible (default 0)
              --mix=OP:W,...     operation weights (default multiply:1,add:1)
              --min=N            smallest operand (default -1000)
              --max=N            largest operand (default 1000)
              --batch-id=ID      batch id, [A-Za-z0-9._:-] (default generated: load-<utc time>-<hex>)
              --seed=N           random seed, to repeat a run (default random)
              --help             this text""";

    private static final Set<String> NAMES = Set.of("count", "rate", "mix", "min", "max", "batch-id", "seed");
    private static final DateTimeFormatter BATCH_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Options from the arguments after {@code load}; every absent one takes its default. */
    public static LoadOptions parse(List<String> args) throws InvalidOptionsException {
        Map<String, String> given = named(args);
        long count = longOption(given, "count", "10000");
        double rate = rate(given.getOrDefault("rate", "0"));
        OperationMix mix = OperationMix.parse(given.getOrDefault("mix", "multiply:1,add:1"));
        long min = longOption(given, "min", "-1000");
        long max = longOption(given, "max", "1000");
        long seed = given.containsKey("seed") ? longOption(given, "seed", null) : ThreadLocalRandom.current().nextLong();
        String batchId = given.getOrDefault("batch-id", generatedBatchId());
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new InvalidOptionsException("--count must be between 1 and " + Integer.MAX_VALUE + ", got " + count);
        }
        if (min > max) {
            throw new InvalidOptionsException("--min (" + min + ") must not be greater than --max (" + max + ")");
        }
        if (!RequestParser.isValidId(batchId + "-" + count)) {
            throw new InvalidOptionsException("--batch-id must be characters of [A-Za-z0-9._:-], short enough that '"
                    + "<batch-id>-" + count + "' fits 128, got '" + batchId + "'");
        }
        return new LoadOptions(count, rate, mix, min, max, batchId, seed);
    }

    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** The id of the n-th request (1-based) of this run. */
    public String requestId(long n) {
        return batchId + "-" + n;
    }

    public String describe() {
        return "batch " + batchId + ", count " + count + ", rate " + (rate == 0 ? "unlimited" : String.format(Locale.ROOT, "%s req/s", rate))
                + ", mix " + mix + ", operands [" + min + ", " + max + "], seed " + seed;
    }

    private static Map<String, String> named(List<String> args) throws InvalidOptionsException {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name != null && name.contains(".")) {
                continue;
            }
            if (name == null || !NAMES.contains(name)) {
                throw new InvalidOptionsException("unknown option '" + arg + "' (options are --name=value)");
            }
            if (given.put(name, arg.substring(equals + 1)) != null) {
                throw new InvalidOptionsException("--" + name + " is given twice");
            }
        }
        return given;
    }

    private static long longOption(Map<String, String> given, String name, String fallback) throws InvalidOptionsException {
        String text = given.getOrDefault(name, fallback);
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionsException("--" + name + " must be an integer within 64 bits, got '" + text + "'");
        }
    }

    private static double rate(String text) throws InvalidOptionsException {
        try {
            double rate = Double.parseDouble(text.trim());
            if (Double.isFinite(rate) && rate >= 0) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new InvalidOptionsException("--rate must be a number of requests per second >= 0, got '" + text + "'");
    }

    private static String generatedBatchId() {
        return "load-" + BATCH_TIME.format(Instant.now()) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }
}
