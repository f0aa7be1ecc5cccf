package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.tck.memory.InMemoryLedger;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.mapping.MappingTables;
import io.kommosync.sync.mapping.ProductKey;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's acceptance test in a real headless browser: Debian's Chromium driven through its own chromedriver
 * (both given by path, so Selenium never looks for or downloads a browser). Simulators, engine (with its worker
 * threads), HTTP front and console all run in this JVM.
 *
 * <p>Without Chromium the test is skipped on a developer's machine and fails on CI ({@code CI=true}), whose
 * {@code .ci/run} installs it first.
 */
class WebConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ConsoleWorld world;
    private WebDriver browser;

    @BeforeAll
    static void chromiumIsThere() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String why = "Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(present).as(why).isTrue();
        } else {
            assumeTrue(present, why);
        }
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    @DisplayName("the accountant's inactive account is rejected, the active one saved, and the operator's Replay invoices "
            + "the parked deal")
    void mapThenReplay() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        world = new ConsoleWorld(Clock.systemUTC(), new SyncListener() {
            @Override
            public void jobParked(SyncJob job, String reason) {
                parked.countDown();
            }
        }, dir.resolve("mapping.yaml"));
        world.engine.start(Duration.ofMillis(20), 1);
        long kit = world.demo.kit().id();

        // A deal for an unmapped product reaches the trigger stage: its job parks.
        Lead deal = world.kitDealAtTriggerStage("Two training kits");
        assertThat(parked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the job parks").isTrue();
        SyncJob job = world.job(JobState.PARKED).orElseThrow();

        browser = chromium();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);

        // Sign in with the console token.
        browser.get(world.console().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(ConsoleWorld.CONSOLE_TOKEN);
        browser.findElement(By.id("sign-in")).click();

        // The mapping view: the kit's row is unmapped.
        By kitRow = By.cssSelector("tr[data-element-id='" + kit + "']");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(kitRow));
        assertThat(row.findElement(By.cssSelector(".row-status")).getText()).contains("unmapped");
        assertThat(browser.findElement(By.id("parked-note")).getText()).startsWith("1 deal(s) wait");

        // The accountant picks the inactive account "4990 Old sales": the page shows the ledger's rejection.
        new Select(row.findElement(By.cssSelector("select.tax"))).selectByValue(InMemoryLedger.STANDARD_TAX);
        new Select(row.findElement(By.cssSelector("select.account"))).selectByValue(InMemoryLedger.RETIRED_SALES_ACCOUNT);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-element-id='" + kit
                + "'] ul.problems"), "is inactive in the ledger"));
        WebElement problem = browser.findElement(By.cssSelector("tr[data-element-id='" + kit + "'] li.problem"));
        assertThat(problem.getDomAttribute("data-kind")).isEqualTo("INACTIVE_ACCOUNT");
        assertThat(problem.getText()).contains("SKU 'KIT-1': ledger account 4990 'Old sales' is inactive in the ledger.")
                .contains("Choose an active revenue account");
        assertThat(browser.findElement(By.id("save")).isEnabled()).isFalse();

        // An active account: the problem goes, Save is offered.
        new Select(browser.findElement(kitRow).findElement(By.cssSelector("select.account")))
                .selectByValue(InMemoryLedger.SALES_ACCOUNT);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("save")));
        assertThat(browser.findElements(By.cssSelector("tr[data-element-id='" + kit + "'] li.problem"))).isEmpty();

        // Saving would resume the parked deal by itself (WebConsoleApiTest proves it); the accountant unticks that,
        // so the operator replays the deal from Jobs once the mapping is checked.
        WebElement resume = browser.findElement(By.id("resume-parked"));
        assertThat(resume.isSelected()).isTrue();
        resume.click();
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Saved."));
        assertThat(world.engine.connection(ConsoleWorld.CONNECTION).mapping().row(new ProductKey.Sku("KIT-1")))
                .hasValueSatisfying(r -> {
                    assertThat(r.ledgerAccountCode()).isEqualTo(InMemoryLedger.SALES_ACCOUNT);
                    assertThat(r.taxCode()).isEqualTo(InMemoryLedger.STANDARD_TAX);
                });
        assertThat(MappingTables.load(world.mappingFile)).isEqualTo(world.engine.connection(ConsoleWorld.CONNECTION).mapping());
        assertThat(world.store.job(job.id()).orElseThrow().state()).as("still parked").isEqualTo(JobState.PARKED);
        assertThat(world.ledger.countInvoicesWithReference("KOMMO-" + deal.id())).isZero();

        // The operator opens Jobs and replays the parked job.
        browser.findElement(By.id("nav-jobs")).click();
        By jobRow = By.cssSelector("tr[data-job-id='" + job.id() + "']");
        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(jobRow));
        assertThat(listed.findElement(By.cssSelector(".state")).getText()).isEqualTo("parked (unmapped product)");
        assertThat(listed.findElement(By.cssSelector(".reason")).getText()).contains("Training kit");
        listed.findElement(By.cssSelector("button.replay")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "queued again"));

        // The worker runs it: one invoice in the ledger, its number on the deal.
        wait.until(d -> world.ledger.port().findInvoiceByReference("KOMMO-" + deal.id())
                .map(i -> i.number().equals(world.invoiceNumberOnDeal(deal))).orElse(false));
        Invoice invoice = world.ledger.port().findInvoiceByReference("KOMMO-" + deal.id()).orElseThrow();
        assertThat(world.ledger.countInvoicesWithReference("KOMMO-" + deal.id())).isEqualTo(1);
        assertThat(invoice.lines()).singleElement().satisfies(line -> {
            assertThat(line.ledgerAccountCode()).isEqualTo(InMemoryLedger.SALES_ACCOUNT);
            assertThat(line.taxCode()).isEqualTo(InMemoryLedger.STANDARD_TAX);
        });
        assertThat(world.invoiceNumberOnDeal(deal)).isEqualTo(invoice.number());
        assertThat(world.store.job(job.id()).map(SyncJob::state)).isEqualTo(Optional.of(JobState.DONE));

        // Nothing waits for a person any more.
        browser.findElement(By.id("refresh-jobs")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-jobs")));
        assertThat(browser.findElements(By.cssSelector("#jobs-body tr"))).isEmpty();
    }

    private WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + dir.resolve("chromium-profile")));
        return new ChromeDriver(service, options);
    }
}
