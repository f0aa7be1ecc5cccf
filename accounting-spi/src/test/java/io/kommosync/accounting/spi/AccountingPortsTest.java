package io.kommosync.accounting.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.accounting.spi.fixtures.TestProviders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AccountingPorts discovery")
class AccountingPortsTest {

    private final AccountingPorts discovered = AccountingPorts.discover(getClass().getClassLoader());
    private final AccountingConfig alphaConfig = AccountingConfig.builder()
            .put("tenant", "acme").putSecret("clientId", "id-123").build();

    @Nested
    @DisplayName("through ServiceLoader")
    class ThroughServiceLoader {

        @Test
        @DisplayName("finds a provider by its id and builds a port with it")
        void findsById() {
            AccountingPort port = discovered.create("alpha", alphaConfig);
            assertThat(port.providerId()).isEqualTo("alpha");
            assertThat(port).isEqualTo(new TestProviders.NamedPort("alpha", "acme"));
        }

        @Test
        @DisplayName("a provider whose constructor throws, or whose class is missing, does not hide the others")
        void brokenProvidersAreIsolated() {
            assertThat(discovered.ids()).containsExactly("alpha", "beta", "twin");
            assertThat(discovered.failures()).hasSize(2);
            assertThat(String.join("\n", discovered.failures()))
                    .contains("boom in constructor")
                    .contains("NoSuchProvider");
        }

        @Test
        @DisplayName("an unknown id is an error that lists the available ids and the broken providers")
        void unknownIdListsAvailable() {
            assertThatThrownBy(() -> discovered.create("xero", alphaConfig))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("no accounting provider with id 'xero'")
                    .hasMessageContaining("available: alpha, beta, twin")
                    .hasMessageContaining("boom in constructor")
                    .hasMessageContaining("add the adapter's jar to the class path");
        }

        @Test
        @DisplayName("two providers with one id is an error naming both classes and the fix")
        void duplicateIdIsAnError() {
            assertThatThrownBy(() -> discovered.provider("twin"))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("2 providers claim the id 'twin'")
                    .hasMessageContaining("TestProviders$TwinOne")
                    .hasMessageContaining("TestProviders$TwinTwo")
                    .hasMessageContaining("keep only one");
        }

        @Test
        @DisplayName("the provider's configuration errors are all reported together")
        void configurationErrorsTogether() {
            assertThatThrownBy(() -> discovered.create("alpha", AccountingConfig.of(Map.of())))
                    .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("tenant", "clientId");
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.providerId()).isEqualTo("alpha");
                    });
        }

        @Test
        @DisplayName("an empty class loader finds nothing and says so")
        void emptyLoader() {
            AccountingPorts none = AccountingPorts.discover(new ClassLoader(null) { });
            assertThat(none.ids()).isEmpty();
            assertThatThrownBy(() -> none.provider("alpha")).hasMessageContaining("available: none");
        }
    }

    @Nested
    @DisplayName("resolution chain")
    class ResolutionChain {

        @Test
        @DisplayName("an explicit port always wins")
        void explicitWins() {
            AccountingPort mine = new TestProviders.NamedPort("mine", "x");
            assertThat(discovered.resolve(mine, "alpha", alphaConfig)).isSameAs(mine);
        }

        @Test
        @DisplayName("the named id beats the system property")
        void idBeatsProperty() {
            String old = System.setProperty(AccountingPorts.PROVIDER_PROPERTY, "beta");
            try {
                assertThat(discovered.resolve(null, "alpha", alphaConfig).providerId()).isEqualTo("alpha");
                assertThat(discovered.resolve(null, null, alphaConfig).providerId()).isEqualTo("beta");
            } finally {
                if (old == null) {
                    System.clearProperty(AccountingPorts.PROVIDER_PROPERTY);
                } else {
                    System.setProperty(AccountingPorts.PROVIDER_PROPERTY, old);
                }
            }
        }

        @Test
        @DisplayName("with nothing named, the only provider is used, and several are an error")
        void onlyProvider() {
            AccountingPorts single = AccountingPorts.of(List.of(new TestProviders.Beta()));
            assertThat(single.resolve(null, null, alphaConfig).providerId()).isEqualTo("beta");
            assertThatThrownBy(() -> discovered.resolve(null, " ", alphaConfig))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("several accounting providers")
                    .hasMessageContaining(AccountingPorts.PROVIDER_PROPERTY);
        }

        @Test
        @DisplayName("a provider with an invalid id is reported, not registered")
        void invalidId() {
            AccountingPortProvider bad = new AccountingPortProvider() {
                @Override
                public String id() {
                    return "Bad Id";
                }

                @Override
                public AccountingPort create(AccountingConfig config) {
                    throw new AssertionError();
                }
            };
            AccountingPorts ports = AccountingPorts.of(List.of(bad, new TestProviders.Beta()));
            assertThat(ports.ids()).containsExactly("beta");
            assertThat(ports.failures()).singleElement().asString().contains("invalid id 'Bad Id'");
        }
    }
}
