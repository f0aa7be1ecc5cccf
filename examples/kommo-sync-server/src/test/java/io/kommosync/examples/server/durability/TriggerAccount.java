package io.kommosync.examples.server.durability;

import io.kommosync.sandbox.kommo.CatalogElement;
import io.kommosync.sandbox.kommo.Contact;
import io.kommosync.sandbox.kommo.CustomField;
import io.kommosync.sandbox.kommo.CustomFieldType;
import io.kommosync.sandbox.kommo.Lead;
import io.kommosync.sandbox.kommo.SandboxAccount;
import io.kommosync.sync.KommoFields;
import java.math.BigDecimal;
import java.util.List;

/**
 * A simulated Kommo account set up for invoicing: a "Raise Invoice" stage, one product (SKU {@code CONS-1}), one
 * customer with an e-mail, and the invoice number and link fields the engine writes. (The reference server's own
 * demo account is package-private, so the durability tests set up theirs through the simulator's public API.)
 *
 * @param account      the simulated account
 * @param pipelineId   the main pipeline
 * @param firstStageId where new deals start
 * @param raiseStageId the trigger stage
 * @param consulting   the product
 * @param customer     the deals' contact
 * @param companyId    the deals' company
 * @param fields       the fields the engine writes
 */
record TriggerAccount(SandboxAccount account, long pipelineId, long firstStageId, long raiseStageId,
                      CatalogElement consulting, Contact customer, long companyId, KommoFields fields) {

    static TriggerAccount seed(SandboxAccount account) {
        long pipelineId = account.mainPipeline().id();
        long firstStage = account.mainPipeline().stages().get(0).id();
        long raiseStage = account.addStage(pipelineId, "Raise Invoice").id();
        long catalogId = account.createProductsCatalog().id();
        CatalogElement consulting = account.createCatalogElement(catalogId, "Consulting day", "CONS-1", "800.00",
                java.util.Map.of());
        long companyId = account.createCompany("Buyer Ltd").id();
        Contact contact = account.createContact("Ann Buyer", "ann@buyer.example", "+44 20 7946 0000");
        CustomField number = account.createLeadCustomField(CustomFieldType.TEXT, "Invoice number", "INVOICE_NUMBER");
        CustomField link = account.createLeadCustomField(CustomFieldType.URL, "Invoice link", "INVOICE_LINK");
        return new TriggerAccount(account, pipelineId, firstStage, raiseStage, consulting, contact, companyId,
                KommoFields.of(number.id(), link.id()));
    }

    /** A new deal for the customer with one and a half consulting days, in the first stage. */
    Lead deal(String name) {
        Lead deal = account.createLead(name, new BigDecimal("1000"), pipelineId, firstStageId,
                account.adminUser().id(), List.of(customer.id()), companyId);
        account.linkProduct(deal.id(), consulting.id(), new BigDecimal("1.5"));
        return account.lead(deal.id());
    }

    /** The invoice number written on a deal, or empty. */
    String invoiceNumber(long dealId) {
        return account.lead(dealId).field(fields.invoiceNumberFieldId())
                .map(v -> v.values().isEmpty() ? "" : String.valueOf(v.values().get(0).value())).orElse("");
    }
}
