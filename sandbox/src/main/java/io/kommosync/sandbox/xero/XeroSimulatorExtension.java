package io.kommosync.sandbox.xero;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings a {@link XeroSimulator} into JUnit 5 tests: one simulator per test class (shared with its
 * {@code @Nested} classes), {@link XeroSimulator#reset() reset} before each test, closed after the class.
 * Parameters of type {@link XeroSimulator} (constructor, lifecycle and test methods) are resolved to it.
 *
 * <pre>{@code
 * @ExtendWith(XeroSimulatorExtension.class)
 * class InvoiceFlowTest {
 *     @Test
 *     void paidInvoiceReachesTheDeal(XeroSimulator xero) {
 *         XeroOrganisation acme = xero.createOrganisation("Acme Ltd").withDemoChart();
 *         XeroTokenSet tokens = xero.authorize(Set.of("accounting.invoices", "accounting.contacts",
 *                 "accounting.settings", "offline_access"), acme);
 *         ...
 *     }
 * }
 *
 * // or, to configure it:
 * @RegisterExtension
 * static XeroSimulatorExtension xero = XeroSimulatorExtension.using(
 *         () -> XeroSimulator.builder().clock(clock).latency(Latency.fixed(Duration.ofMillis(20))));
 * }</pre>
 *
 * <p>Because state is reset before each test, seed organisations in {@code @BeforeEach} methods or in the test, not in
 * {@code @BeforeAll}.
 */
public final class XeroSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(XeroSimulatorExtension.class);

    private final Supplier<XeroSimulator.Builder> builder;
    private volatile XeroSimulator current;

    /** Creates the extension with the default simulator configuration (for {@code @ExtendWith}). */
    public XeroSimulatorExtension() {
        this(XeroSimulator::builder);
    }

    private XeroSimulatorExtension(Supplier<XeroSimulator.Builder> builder) {
        this.builder = builder;
    }

    /**
     * Creates the extension with a configured simulator, for {@code @RegisterExtension}.
     *
     * @param builder supplies a configured builder each time a test class needs a simulator (a fresh fault plan
     *     and rate rule each time)
     * @return the extension
     */
    public static XeroSimulatorExtension using(Supplier<XeroSimulator.Builder> builder) {
        return new XeroSimulatorExtension(Objects.requireNonNull(builder, "builder"));
    }

    /**
     * The simulator of the running test class, for tests that hold the extension in a field.
     *
     * @return the simulator
     * @throws IllegalStateException if no test class has started one yet
     */
    public XeroSimulator simulator() {
        XeroSimulator simulator = current;
        if (simulator == null) {
            throw new IllegalStateException("the Xero simulator starts with the test class; use it from a test or "
                    + "a @BeforeEach method");
        }
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == XeroSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator(context);
    }

    private XeroSimulator simulator(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Running running = classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, k -> new Running(builder.get().start()), Running.class);
        current = running.simulator;
        return running.simulator;
    }

    /** Closes the simulator when the test class's store is closed. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final XeroSimulator simulator;

        Running(XeroSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public void close() {
            simulator.close();
        }
    }
}
