package io.kommosync.accounting.tck.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kommosync.accounting.spi.AccountingConfig;
import io.kommosync.accounting.spi.AccountingPort;
import io.kommosync.accounting.spi.AccountingPorts;
import io.kommosync.accounting.spi.ConfigProblem;
import io.kommosync.accounting.spi.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryAccountingPortProviderTest {

    @Test
    @DisplayName("builds a port on the ledger registered under the configured name")
    void usesNamedLedger() {
        String name = "provider-test-" + System.identityHashCode(this);
        try {
            InMemoryLedger ledger = InMemoryLedger.named(name).withCanonicalChart();
            ledger.addCustomer("Acme Ltd", "accounts@acme.example");
            try (AccountingPort port = AccountingPorts.load("in-memory", AccountingConfig.of(Map.of("ledger", name)))) {
                assertThat(port.providerId()).isEqualTo("in-memory");
                assertThat(port.findCustomerByEmail("ACCOUNTS@acme.example")).isPresent();
                assertThat(((InMemoryAccountingPort) port).ledger()).isSameAs(ledger);
            }
        } finally {
            InMemoryLedger.unregister(name);
        }
    }

    @Test
    @DisplayName("reports a missing ledger and a bad page size together")
    void reportsProblemsTogether() {
        InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> new InMemoryAccountingPortProvider().create(AccountingConfig.of(Map.of("pageSize", "0"))));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("ledger", "pageSize");
        assertThat(e.providerId()).isEqualTo("in-memory");
    }

    @Test
    @DisplayName("refuses a ledger given both by name and as an attachment")
    void refusesTwoLedgers() {
        AccountingConfig config = AccountingConfig.builder().put("ledger", "demo")
                .attach(InMemoryLedger.class, InMemoryLedger.create()).build();
        InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
                () -> new InMemoryAccountingPortProvider().create(config));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("ledger");
            assertThat(p.fix()).contains("remove");
        });
    }

    @Test
    @DisplayName("keeps the access token out of the port's description")
    void hidesAccessToken() {
        AccountingConfig config = AccountingConfig.builder().attach(InMemoryLedger.class, InMemoryLedger.create())
                .putSecret("accessToken", "s3cr3t-value").build();
        assertThat(new InMemoryAccountingPortProvider().create(config).toString()).doesNotContain("s3cr3t-value");
    }
}
