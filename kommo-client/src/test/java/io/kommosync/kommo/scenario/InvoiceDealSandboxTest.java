package io.kommosync.kommo.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.client.Secret;
import io.kommosync.client.retry.RetrySettings;
import io.kommosync.kommo.KommoClient;
import io.kommosync.kommo.KommoCredentials;
import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.KommoSimulator;
import io.kommosync.sandbox.kommo.KommoSimulatorExtension;
import io.kommosync.sandbox.kommo.Pipeline;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sandbox.kommo.Task;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Invoice deal scenario against the Kommo simulator")
class InvoiceDealSandboxTest extends InvoiceDealScenario {

    @RegisterExtension
    static KommoSimulatorExtension simulator = KommoSimulatorExtension.using(KommoSimulator::builder);

    private SandboxAccount acme;
    private Deal deal;
    private KommoClient kommo;

    @BeforeEach
    void seed() {
        KommoSimulator kommoSimulator = simulator.simulator();
        acme = kommoSimulator.createAccount("acme");
        var jane = acme.createContact("Jane Cooper", "jane@example.com", "+14155550100");
        long catalogId = acme.createProductsCatalog().id();
        CustomField wholesale = acme.createCatalogField(catalogId, CustomFieldType.PRICE, "Wholesale price",
            "WHOLESALE");
        var hosting = acme.createCatalogElement(catalogId, "Hosting (year)", "HOST-12", "120", Map.of());
        var design = acme.createCatalogElement(catalogId, "Web design (hours)", "WEB-1", "999.12",
            Map.of("WHOLESALE", "850.5"));
        CustomField invoiceNumber = acme.createLeadCustomField(CustomFieldType.TEXT, "Invoice number",
            "INVOICE_NUMBER");
        CustomField invoiceUrl = acme.createLeadCustomField(CustomFieldType.URL, "Invoice URL", "INVOICE_URL");
        CustomField payment = acme.createLeadCustomField(CustomFieldType.SELECT, "Payment status", "PAYMENT_STATUS",
            List.of("Pending", "Paid"));
        Pipeline sales = acme.mainPipeline();
        long responsible = acme.adminUser().id();
        var lead = acme.createLead("Website redesign", new BigDecimal("2000"), sales.id(),
            sales.firstWorkingStage().id(), responsible, List.of(jane.id()), null);
        acme.linkProduct(lead.id(), hosting.id(), BigDecimal.ONE);
        acme.linkProduct(lead.id(), design.id(), new BigDecimal("10.22"), OptionalLong.of(wholesale.id()));
        deal = new Deal(lead.id(), lead.id() + 1000, jane.id(), "jane@example.com", catalogId,
            List.of(new Line(hosting.id(), "HOST-12", new BigDecimal("120"), BigDecimal.ONE),
                new Line(design.id(), "WEB-1", new BigDecimal("850.5"), new BigDecimal("10.22"))),
            invoiceNumber.id(), invoiceUrl.id(), payment.id(), payment.enumByValue("Paid").orElseThrow().id(),
            responsible);
        kommo = KommoClient.builder()
            .baseUrl(kommoSimulator.baseUri(acme))
            .credentials(KommoCredentials.longLived(Secret.of(acme.issueLongLivedToken())))
            .retry(RetrySettings.noBackoff(3))
            .build();
    }

    @AfterEach
    void close() {
        kommo.close();
    }

    @Override
    KommoClient kommo() {
        return kommo;
    }

    @Override
    Deal deal() {
        return deal;
    }

    @Override
    void assertInvoiceWrittenBack(Deal expected) {
        var lead = acme.lead(expected.leadId());
        assertThat(lead.field(expected.invoiceNumberFieldId()).orElseThrow().text()).isEqualTo(INVOICE_NUMBER);
        assertThat(lead.field(expected.invoiceUrlFieldId()).orElseThrow().text()).isEqualTo(INVOICE_URL);
        assertThat(lead.field(expected.paymentStatusFieldId()).orElseThrow().values().get(0).enumId())
            .isEqualTo(expected.paidOptionId());
    }

    @Override
    void assertTaskCreated(Deal expected, long taskId) {
        assertThat(acme.tasks()).filteredOn(task -> task.id() == taskId).singleElement().satisfies((Task task) -> {
            assertThat(task.entityType()).isEqualTo("leads");
            assertThat(task.entityId()).isEqualTo(expected.leadId());
            assertThat(task.text()).isEqualTo(TASK_TEXT);
            assertThat(task.completeTill()).isEqualTo(DUE);
            assertThat(task.responsibleUserId()).isEqualTo(expected.responsibleUserId());
            assertThat(task.taskTypeId()).isEqualTo(1);
        });
    }
}
