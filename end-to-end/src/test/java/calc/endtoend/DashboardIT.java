package calc.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import calc.contract.CalcJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import tools.jackson.databind.JsonNode;

/**
 * The system started with {@code ./calc up} under load, seen the way its users see it: the live
 * dashboard in a real headless Chromium, and {@code GET /api/lag} next to Kafka's own
 * consumer-groups tool while the workers are paused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final int PORT_BASE = 29292;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path workspace;
    static CalcLauncher calc;

    @BeforeAll
    static void startTheSystemUnderLoad() {
        calc = new CalcLauncher(workspace.resolve("calc-home"), PORT_BASE);
        CalcLauncher.Result up = calc.run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        CalcLauncher.Result load = calc.run("load", "--count=3000", "--rate=300", "--batch-id=dashboard");
        assertThat(load.exitCode()).as(load.output()).isZero();
        // The charts plot what the aggregator has correlated: let it catch up with the load first.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get("/api/batches/dashboard").path("completed").asLong() == 3000);
    }

    @AfterAll
    static void stopEverything() {
        // Paused workers must run again to hear ./calc down's SIGTERM.
        workerPids().forEach(pid -> signal("CONT", pid));
        calc.run("down");
    }

    @Test
    @Order(1)
    void theDashboardShowsEveryLiveMemberWithItsVersionAndAThroughputChartWithData() throws Exception {
        ChromeDriver browser = chromium();
        try {
            // When a user opens the dashboard
            browser.get(aggregator("/"));

            // Then it shows every member ./calc started, with its version, and throughput data, updating live
            Set<String> started = startedMembers();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Set<String> shown = browser.findElements(By.cssSelector("li.member")).stream()
                        .map(member -> member.getAttribute("data-instance") + "@" + member.getAttribute("data-version"))
                        .filter(member -> !member.startsWith("result-aggregator"))
                        .collect(Collectors.toSet());
                assertThat(shown).isEqualTo(started);
                // 3000 requests at 300/s: about 10 seconds of each service's results
                assertThat(Long.parseLong(text(browser, "series-points"))).isGreaterThanOrEqualTo(10);
            });
            assertThat(browser.findElements(By.cssSelector("#chart-throughput canvas"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#lag-table tbody tr"))).hasSizeGreaterThanOrEqualTo(24);
            String refreshed = text(browser, "last-refresh");
            await().atMost(Duration.ofSeconds(10)).until(() -> !text(browser, "last-refresh").equals(refreshed));
            Files.createDirectories(Path.of("target"));
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
            // and the browser logged no error on the way
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogEntry::getMessage)
                    .toList();
            assertThat(errors).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(2)
    void withTheWorkersPausedTheLagApiAgreesWithKafkasConsumerGroupsTool() throws Exception {
        // Given the workers paused and requests arriving that nobody consumes
        workerPids().forEach(pid -> signal("STOP", pid));
        CalcLauncher.Result load = calc.run("load", "--count=1200", "--rate=0", "--batch-id=paused");
        assertThat(load.exitCode()).as(load.output()).isZero();

        // When the lag engine has refreshed since, and Kafka's tool describes the worker groups
        // (the request topics are written without transactions: the tool's high watermark is the last stable offset)
        for (String group : List.of("multiply-worker", "add-worker")) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(lagTotal(group)).isEqualTo(toolTotal(group)).isPositive());
            Map<String, String> api = apiPartitions(group);
            Map<String, String> tool = toolPartitions(group);

            // Then both report the same committed offset, end offset and lag for every partition
            assertThat(api).as(group).hasSize(12).isEqualTo(tool);
        }
    }

    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1200");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }

    private static String text(ChromeDriver browser, String id) {
        WebElement element = browser.findElement(By.id(id));
        return element.getAttribute("textContent").trim();
    }

    /** "instance@version" of each worker member in ./calc's registry. */
    private static Set<String> startedMembers() {
        return calc.memberVersions().entrySet().stream()
                .map(member -> member.getKey() + "@" + member.getValue())
                .collect(Collectors.toSet());
    }

    private static List<Long> workerPids() {
        return calc.pidsByName().entrySet().stream()
                .filter(process -> process.getKey().matches("(multiply|add)-worker-.*"))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "committed end lag" per "topic-partition", as GET /api/lag gives them. */
    private static Map<String, String> apiPartitions(String group) throws Exception {
        Map<String, String> partitions = new HashMap<>();
        for (JsonNode partition : lagGroup(group).get("partitions")) {
            partitions.put(partition.get("topic").asString() + "-" + partition.get("partition").asInt(),
                    partition.get("committedOffset").asString() + " " + partition.get("endOffset").asString() + " "
                            + partition.get("lag").asString());
        }
        return partitions;
    }

    private static long lagTotal(String group) throws Exception {
        return lagGroup(group).at("/totals/lag").asLong();
    }

    private static JsonNode get(String path) throws Exception {
        return CalcJson.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create(aggregator(path)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode lagGroup(String group) throws Exception {
        JsonNode lag = get("/api/lag");
        for (JsonNode candidate : lag.get("groups")) {
            if (candidate.get("group").asString().equals(group)) {
                return candidate;
            }
        }
        throw new AssertionError("no group " + group + " in " + lag);
    }

    /** "CURRENT-OFFSET LOG-END-OFFSET LAG" per "topic-partition" from {@code ./calc kafka consumer-groups --describe}. */
    private static Map<String, String> toolPartitions(String group) {
        CalcLauncher.Result describe = calc.run("kafka", "consumer-groups", "--bootstrap-server",
                "127.0.0.1:" + PORT_BASE, "--describe", "--group", group);
        assertThat(describe.exitCode()).as(describe.output()).isZero();
        Map<String, String> partitions = new HashMap<>();
        describe.output().lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(cells -> cells.length >= 6 && cells[0].equals(group))
                .forEach(cells -> partitions.put(cells[1] + "-" + cells[2], cells[3] + " " + cells[4] + " " + cells[5]));
        return partitions;
    }

    private static long toolTotal(String group) {
        return toolPartitions(group).values().stream()
                .mapToLong(row -> Long.parseLong(row.split(" ")[2]))
                .sum();
    }

    private static String aggregator(String path) {
        return "http://127.0.0.1:" + (PORT_BASE + 2) + path;
    }
}
