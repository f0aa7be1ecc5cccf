package io.kommosync.sage.intacct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.AuthenticationException;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.accounting.spi.Dimensions;
import io.kommosync.accounting.spi.Discount;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.accounting.spi.Invoice;
import io.kommosync.accounting.spi.InvoiceDraft;
import io.kommosync.accounting.spi.InvoiceLine;
import io.kommosync.accounting.spi.LedgerAccount;
import io.kommosync.accounting.spi.ValidationException;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.intacct.IntacctSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the XML transport")
class IntacctXmlBehaviourTest {

    private final IntacctSimulatorFixture fixture = new IntacctSimulatorFixture(IntacctTransport.XML);
    private final AccountingPort port = AccountingPorts.discover(getClass().getClassLoader())
            .create("sage-intacct", fixture.validConfig());

    @AfterEach
    void close() {
        port.close();
        fixture.close();
    }

    @Test
    @DisplayName("lists the REQUIRE* flags of each GL account as its required dimensions")
    void exposesRequiredDimensions() {
        LedgerAccount regional = port.chartOfAccounts().account("4300").orElseThrow();
        assertThat(regional.requiredDimensions()).containsExactly(DimensionType.DEPARTMENT);
        assertThat(port.chartOfAccounts().account("4000").orElseThrow().requiredDimensions()).isEmpty();
    }

    @Test
    @DisplayName("reports a line missing a required dimension before sending the invoice")
    void reportsMissingDimensionBeforeAnyCall() {
        port.chartOfAccounts();
        int before = fixture.sim.journal().size();
        ValidationException e = (ValidationException) catchThrowable(() -> port.createInvoice(
                draft("REF-DIM-MISSING", "4300", Dimensions.none()), IdempotencyKey.derive("dim-missing")));
        assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.field()).isEqualTo("lines[0].dimensions.DEPARTMENT"));
        assertThat(fixture.sim.journal().entries().subList(before, fixture.sim.journal().size()))
                .noneMatch(j -> j.bodyText().contains("create_invoice"));
    }

    @Test
    @DisplayName("sends each line's dimensions and reads them back")
    void sendsLineDimensions() {
        Invoice invoice = port.createInvoice(draft("REF-DIM", "4300", Dimensions.of(DimensionType.DEPARTMENT, "D200")),
                IdempotencyKey.derive("dim"));
        assertThat(invoice.lines().get(0).dimensions().get(DimensionType.DEPARTMENT)).hasValue("D200");
        assertThat(fixture.sim.journal().entries()).anyMatch(j -> j.bodyText().contains(
                "<departmentid>D200</departmentid>"));
    }

    @Test
    @DisplayName("logs in once, then calls the endpoint getAPISession named with the session")
    void usesTheSessionEndpoint() {
        port.findCustomerByEmail("nobody@example.invalid");
        port.findCustomerByEmail("nobody@example.invalid");
        List<JournalEntry> entries = fixture.sim.journal().entries();
        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).path()).isEqualTo(IntacctSimulator.XML_PATH);
        assertThat(entries.get(0).bodyText()).contains("<login>").contains("<getAPISession");
        assertThat(entries.subList(1, 3)).allSatisfy(e -> {
            assertThat(e.path()).isEqualTo(IntacctSimulator.SESSION_XML_PATH);
            assertThat(e.bodyText()).contains("<sessionid>").doesNotContain("<login>");
        });
    }

    @Test
    @DisplayName("gets a new session when the gateway ends the old one")
    void renewsAnExpiredSession() {
        port.findCustomerByEmail("nobody@example.invalid");
        fixture.sim.expireSessions();
        assertThat(port.findCustomerByEmail(IntacctSimulatorFixture.EXISTING_EMAIL)).isPresent();
        assertThat(fixture.sim.journal().entries()).filteredOn(e -> e.bodyText().contains("<login>")).hasSize(2);
    }

    @Test
    @DisplayName("gets a new session once its timeout has passed on the clock, without a failed call")
    void renewsAfterTheTimeout() {
        port.findCustomerByEmail("nobody@example.invalid");
        fixture.clock.advance(Duration.ofHours(2));
        port.findCustomerByEmail("nobody@example.invalid");
        List<JournalEntry> entries = fixture.sim.journal().entries();
        assertThat(entries).filteredOn(e -> e.bodyText().contains("<login>")).hasSize(2);
        assertThat(entries).hasSize(4);
    }

    @Test
    @DisplayName("maps a rejected sender (control level) to AuthenticationException without the password")
    void controlLevelFailure() {
        fixture.sim.sender(IntacctSimulator.SENDER_ID, "changed-password");
        AuthenticationException e = (AuthenticationException) catchThrowable(() ->
                port.findCustomerByEmail("a@b.example"));
        assertThat(e.getMessage()).contains("XL03000005").doesNotContain(IntacctSimulator.SENDER_PASSWORD);
        assertThat(e.operation()).isEqualTo("findCustomerByEmail");
    }

    @Test
    @DisplayName("maps a rejected user (authentication level) to AuthenticationException")
    void authenticationLevelFailure() {
        fixture.sim.user(IntacctSimulator.USER_ID, "changed");
        AuthenticationException e = (AuthenticationException) catchThrowable(() ->
                port.findCustomerByEmail("a@b.example"));
        assertThat(e.getMessage()).contains("XL03000006").doesNotContain(IntacctSimulator.USER_PASSWORD);
    }

    @Test
    @DisplayName("signs in to the configured entity")
    void signsInToTheEntity() {
        try (AccountingPort entityPort = AccountingPorts.discover(getClass().getClassLoader()).create("sage-intacct",
                fixture.validConfig().toBuilder().put("entityId", "UK").build())) {
            entityPort.findCustomerByEmail("a@b.example");
        }
        assertThat(fixture.sim.journal().entries().get(0).bodyText()).contains("<locationid>UK</locationid>");
    }

    @Test
    @DisplayName("a repeated key reaches the gateway with the same controlid and uniqueid=true, which refuses it")
    void duplicateProtection() {
        InvoiceDraft d = draft("REF-DUP", "4000", Dimensions.none());
        Invoice first = port.createInvoice(d, IdempotencyKey.derive("dup"));
        Invoice second = port.createInvoice(d, IdempotencyKey.derive("dup"));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(fixture.sim.company().countInvoicesWithReference("REF-DUP")).isEqualTo(1);
        List<String> writes = fixture.sim.journal().entries().stream().map(JournalEntry::bodyText)
                .filter(b -> b.contains("<create_invoice>")).toList();
        assertThat(writes).hasSize(2).allSatisfy(b -> assertThat(b).contains("<uniqueid>true</uniqueid>"));
        assertThat(controlId(writes.get(0))).isEqualTo(controlId(writes.get(1)));
    }

    private static String controlId(String body) {
        int at = body.indexOf("<function controlid=\"") + 21;
        return body.substring(at, body.indexOf('"', at));
    }

    static InvoiceDraft draft(String reference, String account, Dimensions dims) {
        InvoiceLine line = new InvoiceLine("Regional work", BigDecimal.ONE, new BigDecimal("100.00"), Discount.none(),
                account, IntacctSimulatorFixture.STANDARD, dims, Optional.empty());
        java.time.LocalDate today = java.time.LocalDate.of(2025, 3, 10);
        return new InvoiceDraft("C-EXISTING", Currency.getInstance("GBP"), today, today.plusDays(30), reference,
                List.of(line), Dimensions.none(), InvoiceDraft.Approval.APPROVED, Optional.empty());
    }
}
