package io.kommosync.xero;

import static org.assertj.core.api.Assertions.assertThat;

import io.kommosync.accounting.spi.Customer;
import io.kommosync.accounting.spi.CustomerDraft;
import io.kommosync.accounting.spi.IdempotencyKey;
import io.kommosync.sandbox.http.JournalEntry;
import io.kommosync.sandbox.http.SimulatedRequest;
import io.kommosync.sandbox.xero.XeroContact;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Xero customers")
class XeroCustomersTest {

    private final XeroSimulatorFixture fixture = new XeroSimulatorFixture();
    private final XeroAccountingPort port = new XeroAccountingPortProvider().create(fixture.validConfig());

    @AfterEach
    void close() {
        port.close();
        fixture.close();
    }

    private Map<String, List<String>> lastContactsQuery() {
        List<JournalEntry> gets = fixture.xero.journal().entries("GET", "/api.xro/2.0/Contacts");
        return SimulatedRequest.decodeForm(gets.get(gets.size() - 1).rawQuery());
    }

    @Test
    @DisplayName("finds a customer with a guarded where filter on EmailAddress")
    void findsWithWhere() {
        assertThat(port.findCustomerByEmail("existing.customer@example.com")).isPresent();
        assertThat(lastContactsQuery().get("where"))
                .containsExactly("EmailAddress!=null&&EmailAddress==\"existing.customer@example.com\"");
    }

    @Test
    @DisplayName("finds a customer whose address holds a double quote, which no where filter can carry")
    void findsAddressWithQuote() {
        XeroContact quoted = fixture.org.addContact("O'Brien & Sons", "\"o'brien\"@example.com");
        Optional<Customer> found = port.findCustomerByEmail("\"O'Brien\"@Example.com");
        assertThat(found).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(quoted.contactId()));
        Map<String, List<String>> query = lastContactsQuery();
        assertThat(query).doesNotContainKey("where");
        assertThat(query.get("searchTerm")).containsExactly("\"O'Brien\"@Example.com");
    }

    @Test
    @DisplayName("sends a plus sign in an address intact, not as a space")
    void keepsPlusSign() {
        XeroContact billing = fixture.org.addContact("Jane Billing", "jane+billing@example.com");
        assertThat(port.findCustomerByEmail("Jane+Billing@example.com"))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(billing.contactId()));
        assertThat(fixture.xero.journal().entries("GET", "/api.xro/2.0/Contacts").get(0).rawQuery())
                .contains("%2B").doesNotContain("+");
    }

    @Test
    @DisplayName("takes only the customer with the whole address when the search also finds longer ones")
    void matchesWholeAddress() {
        fixture.org.addContact("Longer", "ax\"y@example.com.evil");
        XeroContact exact = fixture.org.addContact("Exact", "x\"y@example.com");
        assertThat(port.findCustomerByEmail("X\"Y@example.com"))
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(exact.contactId()));
    }

    @Test
    @DisplayName("stores the Kommo contact id in ContactNumber, and the phone")
    void storesContactNumber() {
        Customer created = port.createCustomer(new CustomerDraft("Acme Trading", "accounts@acme.example",
                Optional.empty(), Optional.of("+44 20 7946 0000"), Optional.of("kommo-contact-4711")),
                IdempotencyKey.derive("customer", "acme"));
        assertThat(created.externalReference()).hasValue("kommo-contact-4711");
        XeroContact stored = fixture.org.contact(created.id()).orElseThrow();
        assertThat(stored.contactNumber()).hasValue("kommo-contact-4711");
        assertThat(stored.phone()).hasValue("+44 20 7946 0000");
        assertThat(fixture.xero.journal().entries("PUT", "/api.xro/2.0/Contacts").get(0).header("Idempotency-Key"))
                .hasValue(IdempotencyKey.derive("customer", "acme").value());
    }

    @Test
    @DisplayName("appends the e-mail address when Xero already has an active contact with the name")
    void makesTakenNameUnique() {
        Customer created = port.createCustomer(CustomerDraft.of("Existing Customer Ltd", "other@example.com"),
                IdempotencyKey.derive("customer", "same-name"));
        assertThat(created.name()).isEqualTo("Existing Customer Ltd (other@example.com)");
        assertThat(fixture.org.countContactsWithEmail("other@example.com")).isEqualTo(1);
        Customer again = port.createCustomer(CustomerDraft.of("Existing Customer Ltd", "other@example.com"),
                IdempotencyKey.derive("customer", "same-name"));
        assertThat(again.id()).isEqualTo(created.id());
        assertThat(fixture.org.countContactsWithEmail("other@example.com")).isEqualTo(1);
    }
}
