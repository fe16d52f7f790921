package org.trustgov.e2e;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium driven through ChromeDriver. Both come from {@code deploy/local/install-browser.sh},
 * which installs Debian's packages when they are missing, so the test command needs nothing preinstalled. Each
 * browser has a fresh profile (no cookies, no storage) and Chromium's own background traffic switched off.
 */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path screenshots;

    /**
     * How often a wait looks again (Selenium's default is half a second): nearly every step waits for something the
     * page shows a few milliseconds later, and each look is one round trip to ChromeDriver.
     */
    static final Duration LOOK_AGAIN = Duration.ofMillis(50);

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20), LOOK_AGAIN);
        this.screenshots = screenshots;
    }

    static Browser open() {
        Path root = Path.of(System.getProperty("platform.root", ".."))
                .toAbsolutePath()
                .normalize();
        Path run = Path.of(System.getProperty("platform.run", "target/e2e"))
                .toAbsolutePath()
                .normalize();
        try {
            Files.createDirectories(run);
            Map<String, String> found = install(root, run.resolve("install-browser.log"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(found.get("browser"));
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,1000",
                    "--user-data-dir=" + Files.createTempDirectory(run, "chromium-profile"));
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(found.get("driver")))
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options), Files.createDirectories(run.resolve("screenshots")));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not start the browser", e);
        }
    }

    private static Map<String, String> install(Path root, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "bash", root.resolve("deploy/local/install-browser.sh").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "deploy/local/install-browser.sh failed; its output:\n" + Files.readString(log));
        }
        Map<String, String> found = new HashMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (line.startsWith("browser=") || line.startsWith("driver=")) {
                found.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return found;
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Opens the page and waits until its shared header is filled in (the header is built from the session once the
     * page has loaded, and pushes the page down when it appears: a click aimed before would land elsewhere).
     */
    void go(String url) {
        driver.get(url);
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("const h = document.querySelector('body > header');"
                        + " return !h || h.childElementCount > 0;")));
    }

    /** Waits until the element is on the page and visible. */
    WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the element is on the page, shown or not (an option of a closed drop-down). */
    WebElement present(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    void waitUntilUrlStartsWith(String prefix) {
        wait.until(d -> d.getCurrentUrl() != null && d.getCurrentUrl().startsWith(prefix));
    }

    /** Waits until the condition holds on the page. */
    void until(Function<WebDriver, Boolean> condition) {
        wait.until(condition);
    }

    /**
     * Waits until the condition holds, looking once every {@code interval}: for a condition about time passing (no
     * new request for a whole interval), which looking more often would shorten.
     */
    void until(Function<WebDriver, Boolean> condition, Duration interval) {
        new WebDriverWait(driver, Duration.ofSeconds(20), interval).until(condition);
    }

    void waitForText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** What the page logged as an error: script errors, refused loads, Content-Security-Policy violations. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Keeps a picture of the page for a failed test, under target/e2e/screenshots. */
    Path screenshot(String name) {
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The WCAG 2.0–2.2 A and AA rules axe-core checks on every page the browser tests visit. */
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    /**
     * Runs Deque's axe-core on the page as it is now and returns its serious and critical WCAG A/AA violations, one
     * line each (rule, help, where). Every check's counts are appended to target/e2e/axe.txt for the record.
     */
    List<String> accessibilityViolations(String page) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core could not check " + page + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        List<String> serious = violations.stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
                        + r.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .toList())
                .toList();
        try {
            Files.writeString(
                    screenshots.resolveSibling("axe.txt"),
                    page + ": " + results.getPasses().size() + " rules passed, "
                            + violations.size() + " violated (" + serious.size() + " serious or critical)"
                            + (violations.isEmpty()
                                    ? ""
                                    : " "
                                            + violations.stream()
                                                    .map(r -> r.getId() + "/" + r.getImpact())
                                                    .toList())
                            + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the record is a convenience; the assertion below is the check
        }
        return serious;
    }

    /** What a failed test saw: the address, the page's text (cut short) and what the page logged as errors. */
    String describe() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            return "url: " + driver.getCurrentUrl() + "\ntitle: " + driver.getTitle()
                    + "\ntext: " + (text.length() > 800 ? text.substring(0, 800) + "…" : text)
                    + "\nconsole errors: " + consoleErrors();
        } catch (RuntimeException e) {
            return "url: " + driver.getCurrentUrl() + " (page unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
