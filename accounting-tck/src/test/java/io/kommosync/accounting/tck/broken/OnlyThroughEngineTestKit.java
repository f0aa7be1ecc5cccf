package io.kommosync.accounting.tck.broken;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables the kit runs against broken ports unless {@link KitCanFailTest} launches them (they are meant to fail),
 * so that an IDE running "all tests" reports them as skipped rather than as failures.
 */
final class OnlyThroughEngineTestKit implements ExecutionCondition {

    static final String PARAMETER = "kommosync.tck.brokenPortRuns";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).filter("enabled"::equals).isPresent()
                ? ConditionEvaluationResult.enabled("launched by KitCanFailTest")
                : ConditionEvaluationResult.disabled("runs only through KitCanFailTest, which expects it to fail");
    }
}
