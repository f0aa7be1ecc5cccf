package io.kommosync.accounting.tck.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Proves the kit can fail: it runs the whole kit against deliberately broken ports and checks that exactly the
 * scenarios about each bug fail, while every other scenario still passes.
 */
class KitCanFailTest {

    /** The one scenario the in-memory port skips: it can void, so the "cannot void" scenario does not apply. */
    private static final String NOT_APPLICABLE = "refuses to void with UnsupportedCapabilityException when it declares it cannot";

    @Test
    @DisplayName("passes the reference port through the same launcher, skipping only what does not apply")
    void passesTheReferencePort() {
        EngineExecutionResults results = run(BrokenPortKitRuns.Reference.class);
        assertThat(names(results.testEvents().failed().stream())).isEmpty();
        assertThat(names(results.testEvents().aborted().stream())).containsExactly(NOT_APPLICABLE);
        assertThat(results.testEvents().succeeded().count()).isGreaterThanOrEqualTo(50);
    }

    @Test
    @DisplayName("fails a port that creates a second invoice for a repeated key, in the idempotency scenarios only")
    void failsDuplicatingPort() {
        assertFailsExactly(BrokenPortKitRuns.Duplicates.class,
                "returns the first invoice when the same key is sent twice",
                "creates one invoice when two threads send the same key at once",
                "creates one invoice when a write whose answer was lost is retried with its key",
                "creates nothing twice when a batch is repeated with the same keys");
    }

    @Test
    @DisplayName("fails a port that hides its duplicate behind the first invoice, through the ledger-side count")
    void failsHiddenDuplicates() {
        EngineExecutionResults results = assertFailsExactly(BrokenPortKitRuns.HiddenDuplicates.class,
                "returns the first invoice when the same key is sent twice",
                "creates one invoice when two threads send the same key at once");
        assertThat(failureMessages(results)).allSatisfy(m -> assertThat(m).contains("invoices in the ledger with"));
    }

    @Test
    @DisplayName("fails a port that maps 429 to a validation error, in the 429 scenario only")
    void failsRateLimitAsValidation() {
        EngineExecutionResults results = assertFailsExactly(BrokenPortKitRuns.RateLimitAsValidation.class,
                "maps 429 to a retryable RateLimitedException carrying the retry-after, and recovers");
        assertThat(failureMessages(results)).singleElement().asString()
                .contains("RateLimitedException").contains("ValidationException");
    }

    @Test
    @DisplayName("fails a port that loses a change at each page boundary")
    void failsPageLosingPort() {
        assertFailsExactly(BrokenPortKitRuns.LosesChanges.class,
                "sees every invoice created since the start, across pages, at least once");
    }

    @Test
    @DisplayName("fails a port that matches e-mail addresses case-sensitively")
    void failsCaseSensitiveEmail() {
        assertFailsExactly(BrokenPortKitRuns.EmailCase.class,
                "finds a customer by e-mail whatever its case",
                "finds a customer by e-mail with white space around it",
                "creates a customer that can then be found by e-mail");
    }

    @Test
    @DisplayName("fails a port whose totals are a cent off")
    void failsCentOffPort() {
        EngineExecutionResults results = assertFailsExactly(BrokenPortKitRuns.CentOff.class,
                "creates an approved invoice whose totals are exact to the cent",
                "creates a draft invoice when asked for a draft",
                "is PARTIALLY_PAID after a part payment, with the amount due reduced");
        assertThat(failureMessages(results)).anySatisfy(m -> assertThat(m).contains("339.96").contains("339.97"));
    }

    @Test
    @DisplayName("fails a port that never derives OVERDUE")
    void failsNeverOverduePort() {
        assertFailsExactly(BrokenPortKitRuns.NeverOverdue.class,
                "is OVERDUE once the due date has passed with an amount due",
                "is OVERDUE when part-paid past its due date");
    }

    @Test
    @DisplayName("fails a port that puts its access token in an error message")
    void failsLeakySecretPort() {
        EngineExecutionResults results = assertFailsExactly(BrokenPortKitRuns.LeaksSecret.class,
                "maps 401 to an AuthenticationException, not retryable");
        assertThat(failureMessages(results)).singleElement().asString().contains("shows a secret value")
                .doesNotContain("mem-token");
    }

    @Test
    @DisplayName("fails a port that names the HTTP request instead of the port operation")
    void failsWrongOperationPort() {
        assertFailsExactly(BrokenPortKitRuns.WrongOperation.class,
                "maps HTTP 500 to a retryable TransientAccountingException",
                "maps HTTP 503 to a retryable TransientAccountingException");
    }

    @Test
    @DisplayName("keeps the broken-port runs disabled unless this test launches them")
    void brokenRunsAreDisabledOtherwise() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BrokenPortKitRuns.Duplicates.class))
                .execute();
        assertThat(results.testEvents().started().count()).isZero();
        assertThat(results.containerEvents().skipped().count()).isEqualTo(1);
    }

    private static EngineExecutionResults assertFailsExactly(Class<?> kitRun, String... expectedFailures) {
        EngineExecutionResults results = run(kitRun);
        assertThat(results.containerEvents().failed().count()).as("failed containers").isZero();
        assertThat(names(results.testEvents().failed().stream())).as("failed kit scenarios")
                .containsExactlyInAnyOrder(expectedFailures);
        assertThat(names(results.testEvents().aborted().stream())).as("skipped kit scenarios")
                .containsExactly(NOT_APPLICABLE);
        assertThat(results.testEvents().succeeded().count()).as("passed kit scenarios")
                .isGreaterThanOrEqualTo(50 - expectedFailures.length);
        return results;
    }

    private static EngineExecutionResults run(Class<?> kitRun) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(kitRun))
                .configurationParameter(OnlyThroughEngineTestKit.PARAMETER, "enabled")
                .execute();
    }

    private static List<String> names(Stream<Event> events) {
        return events.map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toList());
    }

    private static List<String> failureMessages(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                        .map(String::valueOf).orElse(""))
                .toList();
    }
}
