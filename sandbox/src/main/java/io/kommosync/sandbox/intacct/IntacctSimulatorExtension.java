package io.kommosync.sandbox.intacct;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings a fresh {@link IntacctSimulator} into each JUnit 5 test (its company holds fresh data), closed after the
 * test. Parameters of type {@link IntacctSimulator} are resolved to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static IntacctSimulatorExtension intacct = IntacctSimulatorExtension.using(
 *         () -> IntacctSimulator.builder().clock(clock));
 *
 * @Test
 * void raisesAnInvoice(IntacctSimulator sim) {
 *     sim.company().addGlAccount("4000", "Sales", true);
 *     ...
 * }
 * }</pre>
 */
public final class IntacctSimulatorExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(IntacctSimulatorExtension.class);

    private final Supplier<IntacctSimulator.Builder> builder;

    /** Creates the extension with the default simulator configuration (for {@code @ExtendWith}). */
    public IntacctSimulatorExtension() {
        this(IntacctSimulator::builder);
    }

    private IntacctSimulatorExtension(Supplier<IntacctSimulator.Builder> builder) {
        this.builder = builder;
    }

    /**
     * Creates the extension with a configured simulator, for {@code @RegisterExtension}.
     *
     * @param builder supplies a configured builder for each test
     * @return the extension
     */
    public static IntacctSimulatorExtension using(Supplier<IntacctSimulator.Builder> builder) {
        return new IntacctSimulatorExtension(Objects.requireNonNull(builder, "builder"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == IntacctSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(IntacctSimulator.class,
                k -> builder.get().start(), IntacctSimulator.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        IntacctSimulator simulator = context.getStore(NAMESPACE).remove(IntacctSimulator.class, IntacctSimulator.class);
        if (simulator != null) {
            simulator.close();
        }
    }
}
