package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven
 * by Selenium through the system's {@code /usr/bin/chromedriver}, so Selenium Manager never downloads
 * anything): loads the overview (and saves its screenshot), opens a job whose payload is markup, requeues
 * a dead letter and sees it leave the list, pauses a schedule. Skipped, saying how to install the browser,
 * when there is none.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of(System.getProperty("honker.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("honker.chromedriver", "/usr/bin/chromedriver"));

    @TempDir
    static Path dir;
    static JdbiHonker honker;
    static HonkerDashboard dashboard;
    static WebDriver driver;
    static WebDriverWait wait;
    static DemoData.Ids ids;

    static final boolean BROWSER = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);

    @BeforeEach
    void needsABrowser() {
        assumeTrue(BROWSER, "no browser for the dashboard's browser tests (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): install one with 'sudo apt-get install -y chromium chromium-driver' (Debian), or point "
                + "-Dhonker.chromium and -Dhonker.chromedriver at a Chromium and its matching chromedriver");
    }

    @BeforeAll
    static void start() {
        if (!BROWSER) {
            return;
        }
        SettableClock clock = SettableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1)));
        honker = Honkers.builder(dir.resolve("demo.db")).clock(clock).open();
        dashboard = HonkerDashboard.start(honker, DashboardOptions.defaults().withPort(0).withZone(DemoData.ZONE)
                .withSampleEvery(Duration.ofMinutes(2)).withHistory(Duration.ofMinutes(70)));
        ids = DemoData.seed(honker, clock, dashboard.sampler());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,860", "--hide-scrollbars", "--lang=en-US", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // a page re-rendered between two lookups
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        if (honker != null) {
            honker.close();
        }
    }

    private static void open(String hash) {
        driver.get(dashboard.uri() + hash);
        wait.until(d -> hash.equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    }

    /** Saves what the browser shows as target/dashboard-{name}.png, for a look after the build. */
    private static Path screenshot(String name) throws IOException {
        Path shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target/dashboard-" + name + ".png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Test
    @Order(1)
    void overviewShowsEveryQueueAndTheChart() throws IOException {
        open("#/");
        WebElement table = driver.findElement(By.id("queues-table"));
        List<String> queues = table.findElements(By.cssSelector("tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-queue")).toList();
        assertThat(queues).containsExactly("emails", "images", "reports", "webhooks");
        WebElement webhooks = table.findElement(By.cssSelector("tr[data-queue='webhooks']"));
        assertThat(webhooks.findElements(By.tagName("td")).get(3).getText()).isEqualTo("4");
        WebElement chart = driver.findElement(By.id("depth-chart"));
        assertThat(chart.findElements(By.tagName("polyline"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chart.findElements(By.tagName("rect"))).isNotEmpty();

        Path shot = screenshot("queues");
        String docs = System.getProperty("honker.dashboard.screenshot");
        if (docs != null) { // -Dhonker.dashboard.screenshot=../docs/dashboard.png refreshes the README's picture
            Files.copy(shot, Path.of(docs), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(2)
    void openingAJobShowsItsPayloadAsTextNotMarkup() throws IOException {
        open("#/");
        wait.until(d -> { // the overview refreshes itself every 10 s: find and click in one try
            d.findElement(By.linkText("webhooks")).click();
            return true;
        });
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-job='" + ids.scriptJob() + "']")));
        driver.findElement(By.cssSelector("tr[data-job='" + ids.scriptJob() + "'] a")).click();
        WebElement payload = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-payload")));
        assertThat(payload.getText()).contains("\"note\": \"" + DemoData.SCRIPT.replace("\"", "\\\"") + "\"")
                .contains("\"url\": \"https://example.com/hook\"");
        assertThat(driver.findElement(By.cssSelector("[data-field='State']")).getText()).isEqualTo("pending");
        screenshot("job");
        assertThat(driver.findElement(By.cssSelector("[data-field='Attempts']")).getText()).isEqualTo("0 of 3");
        assertThat(driver.findElements(By.cssSelector("main script, main img"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);

        open("#/job/" + ids.deadScriptJob());
        assertThat(driver.findElement(By.id("job-error")).getText()).isEqualTo("rejected " + DemoData.SCRIPT);
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    @Order(3)
    void requeueingADeadLetterTakesItOffTheList() throws IOException {
        long id = ids.deadWebhooks().get(0);
        open("#/dead");
        screenshot("dead");
        By row = By.cssSelector("tr[data-dead='" + id + "']");
        assertThat(driver.findElement(row).getText()).contains("Connection refused");
        driver.findElement(row).findElement(By.cssSelector("button[data-action='requeue']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 0));
        assertThat(driver.findElements(By.cssSelector("#dead-table tbody tr"))).hasSize(3);
        assertThat(honker.queue("webhooks").deadJobs(10)).extracting(d -> d.id()).doesNotContain(id);
        assertThat(honker.queue("webhooks").stats().pending()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void pausingAScheduleShowsItPaused() throws IOException {
        open("#/scheduler");
        screenshot("scheduler");
        By nightly = By.cssSelector("tr[data-task='nightly-report']");
        assertThat(driver.findElement(nightly).getText()).contains("0 3 * * *", "active", "03:00:00");
        assertThat(driver.findElement(By.id("main")).getText()).contains("Next fire times in Europe/Berlin.");
        driver.findElement(nightly).findElement(By.cssSelector("button[data-action='pause']")).click();
        wait.until(d -> d.findElement(nightly).findElement(By.cssSelector("[data-field='status']")).getText()
                .equals("paused"));
        assertThat(honker.scheduler().list()).filteredOn(t -> t.name().equals("nightly-report"))
                .singleElement().satisfies(t -> assertThat(t.enabled()).isFalse());
        driver.findElement(nightly).findElement(By.cssSelector("button[data-action='resume']")).click();
        wait.until(d -> d.findElement(nightly).findElement(By.cssSelector("[data-field='status']")).getText()
                .equals("active"));
    }

    @Test
    @Order(5)
    void theOtherPagesRender() throws IOException {
        open("#/streams");
        screenshot("streams");
        assertThat(driver.findElement(By.cssSelector("tr[data-consumer='billing/orders']")).getText()).endsWith("12");
        open("#/locks");
        assertThat(driver.findElement(By.cssSelector("tr[data-lock='honker-scheduler']")).getText())
                .contains("host-a-41872", "held");
        open("#/ratelimits");
        assertThat(driver.findElement(By.id("ratelimits-table")).getText()).contains("worker:emails", "37");
        screenshot("ratelimits");
        open("#/queue/emails/processing");
        screenshot("queue");
        assertThat(driver.findElements(By.cssSelector("#jobs-table tbody tr"))).hasSize(3);
    }
}
