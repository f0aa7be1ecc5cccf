package io.kommosync.examples.server;

import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.Contact;
import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sync.KommoFields;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated Kommo account set up as a company using kommo-sync would have it: a "Raise Invoice" stage, a
 * products catalog, a customer, and the three deal fields the engine writes. Used by the demo and the end-to-end
 * tests.
 *
 * @param account       the simulated account
 * @param pipelineId    the main pipeline
 * @param firstStageId  where new deals start
 * @param raiseStageId  the "Raise Invoice" stage
 * @param consulting    product "Consulting day", SKU CONS-1, 800.00
 * @param kit           product "Training kit", SKU KIT-1, 49.99
 * @param customer      contact Ann Buyer, ann@buyer.example
 * @param companyId     company Buyer Ltd
 * @param fields        the invoice number, link and payment status fields
 */
record DemoAccount(SandboxAccount account, long pipelineId, long firstStageId, long raiseStageId,
                   CatalogElement consulting, CatalogElement kit, Contact customer, long companyId,
                   KommoFields fields) {

    static final List<InvoiceStatus> STATUS_ORDER = List.of(InvoiceStatus.DRAFT, InvoiceStatus.AWAITING_PAYMENT,
            InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PAID, InvoiceStatus.OVERDUE, InvoiceStatus.VOID);
    static final List<String> STATUS_NAMES = List.of("Draft", "Awaiting payment", "Partially paid", "Paid",
            "Overdue", "Void");

    static DemoAccount seed(SandboxAccount account) {
        long pipelineId = account.mainPipeline().id();
        long firstStage = account.mainPipeline().stages().get(0).id();
        long raiseStage = account.addStage(pipelineId, "Raise Invoice").id();
        long catalogId = account.createProductsCatalog().id();
        CatalogElement consulting = account.createCatalogElement(catalogId, "Consulting day", "CONS-1", "800.00", Map.of());
        CatalogElement kit = account.createCatalogElement(catalogId, "Training kit", "KIT-1", "49.99", Map.of());
        long companyId = account.createCompany("Buyer Ltd").id();
        Contact contact = account.createContact("Ann Buyer", "ann@buyer.example", "+44 20 7946 0000");
        CustomField number = account.createLeadCustomField(CustomFieldType.TEXT, "Invoice number", "INVOICE_NUMBER");
        CustomField link = account.createLeadCustomField(CustomFieldType.URL, "Invoice link", "INVOICE_LINK");
        CustomField status = account.createLeadCustomField(CustomFieldType.SELECT, "Payment status", "PAYMENT_STATUS",
                STATUS_NAMES);
        Map<InvoiceStatus, Long> options = new EnumMap<>(InvoiceStatus.class);
        for (int i = 0; i < STATUS_ORDER.size(); i++) {
            options.put(STATUS_ORDER.get(i), status.enums().get(i).id());
        }
        KommoFields fields = KommoFields.of(number.id(), link.id()).withPaymentStatus(status.id(), options);
        return new DemoAccount(account, pipelineId, firstStage, raiseStage, consulting, kit, contact, companyId, fields);
    }

    /**
     * A new deal for the customer with the given products (element, quantity), in the first stage.
     *
     * @param name     the deal's name
     * @param products element and quantity pairs, in line order
     * @return the deal
     */
    @SafeVarargs
    final Lead deal(String name, Map.Entry<CatalogElement, String>... products) {
        Lead deal = account.createLead(name, new BigDecimal("1000"), pipelineId, firstStageId,
                account.adminUser().id(), List.of(customer.id()), companyId);
        for (Map.Entry<CatalogElement, String> p : products) {
            account.linkProduct(deal.id(), p.getKey().id(), new BigDecimal(p.getValue()));
        }
        return account.lead(deal.id());
    }

    /**
     * The text of a deal field now.
     *
     * @param dealId  the deal
     * @param fieldId the field
     * @return the first value as text, or empty
     */
    String field(long dealId, long fieldId) {
        return account.lead(dealId).field(fieldId)
                .map(v -> v.values().isEmpty() ? "" : String.valueOf(v.values().get(0).value())).orElse("");
    }
}
