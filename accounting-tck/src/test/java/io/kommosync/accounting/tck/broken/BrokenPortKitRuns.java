package io.kommosync.accounting.tck.broken;

import io.kommosync.accounting.tck.AccountingPortCompatibilityKit;
import io.kommosync.accounting.tck.LedgerFixture;
import io.kommosync.accounting.tck.memory.InMemoryLedgerFixture;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit run against each broken port. Nested classes are not picked up by Surefire (and are disabled unless
 * {@link KitCanFailTest} launches them through the JUnit Platform's {@code EngineTestKit}).
 */
final class BrokenPortKitRuns {

    private BrokenPortKitRuns() {
    }

    /** Runs the kit on the in-memory fixture against the provider with the given id. */
    @ExtendWith(OnlyThroughEngineTestKit.class)
    abstract static class Run extends AccountingPortCompatibilityKit {
        private final String providerId;

        Run(String providerId) {
            this.providerId = providerId;
        }

        @Override
        protected String expectedProviderId() {
            return providerId;
        }

        @Override
        protected LedgerFixture createFixture() {
            return new InMemoryLedgerFixture();
        }
    }

    static final class Duplicates extends Run {
        Duplicates() {
            super("broken-duplicates");
        }
    }

    static final class RateLimitAsValidation extends Run {
        RateLimitAsValidation() {
            super("broken-429-as-validation");
        }
    }

    static final class LosesChanges extends Run {
        LosesChanges() {
            super("broken-loses-changes");
        }
    }

    static final class EmailCase extends Run {
        EmailCase() {
            super("broken-email-case");
        }
    }

    static final class CentOff extends Run {
        CentOff() {
            super("broken-cent-off");
        }
    }

    static final class NeverOverdue extends Run {
        NeverOverdue() {
            super("broken-never-overdue");
        }
    }

    static final class LeaksSecret extends Run {
        LeaksSecret() {
            super("broken-leaks-secret");
        }
    }

    static final class HiddenDuplicates extends Run {
        HiddenDuplicates() {
            super("broken-hidden-duplicates");
        }
    }

    static final class WrongOperation extends Run {
        WrongOperation() {
            super("broken-wrong-operation");
        }
    }

    /** The reference port itself, through the same launcher: nothing fails. */
    static final class Reference extends Run {
        Reference() {
            super("in-memory");
        }
    }
}
