package io.kommosync.sandbox.sage;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings a {@link SageCloudSimulator} into JUnit 5 tests: one simulator per test class (shared with its
 * {@code @Nested} classes), {@link SageCloudSimulator#reset() reset} before each test, closed after the class.
 * Parameters of type {@link SageCloudSimulator} are resolved to it.
 *
 * <pre>{@code
 * @ExtendWith(SageCloudSimulatorExtension.class)
 * class StatusSyncTest {
 *     @Test
 *     void paidInvoiceIsSeen(SageCloudSimulator sage) {
 *         SageBusiness acme = sage.createBusiness("Acme Ltd", Currency.getInstance("GBP")).seedStandardChart();
 *         SageTokens tokens = sage.issueTokens(acme);
 *         ...
 *     }
 * }
 *
 * // or, to configure it:
 * @RegisterExtension
 * static SageCloudSimulatorExtension sage = SageCloudSimulatorExtension.using(
 *         () -> SageCloudSimulator.builder().clock(clock).noRateLimit());
 * }</pre>
 *
 * <p>Because state is reset before each test, seed businesses in {@code @BeforeEach} methods or in the test.
 */
public final class SageCloudSimulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SageCloudSimulatorExtension.class);

    private final Supplier<SageCloudSimulator.Builder> builder;
    private volatile SageCloudSimulator current;

    /** Creates the extension with the default simulator configuration (for {@code @ExtendWith}). */
    public SageCloudSimulatorExtension() {
        this(SageCloudSimulator::builder);
    }

    private SageCloudSimulatorExtension(Supplier<SageCloudSimulator.Builder> builder) {
        this.builder = builder;
    }

    /**
     * Creates the extension with a configured simulator, for {@code @RegisterExtension}.
     *
     * @param builder supplies a configured builder each time a test class needs a simulator
     * @return the extension
     */
    public static SageCloudSimulatorExtension using(Supplier<SageCloudSimulator.Builder> builder) {
        return new SageCloudSimulatorExtension(Objects.requireNonNull(builder, "builder"));
    }

    /**
     * The simulator of the running test class, for tests that hold the extension in a field.
     *
     * @return the simulator
     * @throws IllegalStateException if no test class has started one yet
     */
    public SageCloudSimulator simulator() {
        SageCloudSimulator simulator = current;
        if (simulator == null) {
            throw new IllegalStateException("the Sage Cloud simulator starts with the test class; use it from a test "
                    + "or a @BeforeEach method");
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
        return parameter.getParameter().getType() == SageCloudSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator(context);
    }

    private SageCloudSimulator simulator(ExtensionContext context) {
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
        final SageCloudSimulator simulator;

        Running(SageCloudSimulator simulator) {
            this.simulator = simulator;
        }

        @Override
        public void close() {
            simulator.close();
        }
    }
}
