package io.kommosync.sandbox.kommo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kommosync.sandbox.SandboxException;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KommoSimulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KommoSimulatorExtensionTest {

    private static KommoSimulator firstSeen;

    @Test
    @Order(1)
    @DisplayName("a test receives a running simulator and may fill it")
    void injected(KommoSimulator kommo) {
        firstSeen = kommo;
        kommo.createAccount("acme").createLead("Deal", BigDecimal.ONE);
        assertThat(kommo.baseUri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    @Order(2)
    @DisplayName("the next test gets the same simulator, reset")
    void resetBetweenTests(KommoSimulator kommo) {
        assertThat(kommo).isSameAs(firstSeen);
        assertThat(kommo.accounts()).isEmpty();
        assertThat(kommo.journal().size()).isZero();
        assertThatThrownBy(() -> kommo.account("acme")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("createAccount");
    }

    @Nested
    class NestedTests {
        @Test
        @DisplayName("nested classes share the outer class's simulator")
        void shared(KommoSimulator kommo) {
            assertThat(firstSeen).isNotNull();
            assertThat(kommo).isSameAs(firstSeen);
        }
    }
}
