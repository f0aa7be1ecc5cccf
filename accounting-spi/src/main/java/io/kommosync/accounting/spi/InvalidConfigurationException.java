package io.kommosync.accounting.spi;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A port cannot be built, or a provider cannot be found, because of its configuration. Lists every problem at
 * once, so one round of fixes is enough. Not retryable.
 */
public class InvalidConfigurationException extends AccountingException {

    private final List<ConfigProblem> problems;

    /**
     * Creates the exception.
     *
     * @param providerId the provider whose configuration is bad
     * @param problems   every problem found; must not be empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public InvalidConfigurationException(String providerId, List<ConfigProblem> problems) {
        super(ErrorContext.of(providerId, "configure"), describe(problems), null);
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigurationException needs at least one problem");
        }
        return problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    /**
     * Every problem found.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /**
     * {@inheritDoc}
     *
     * @return {@code false}
     */
    @Override
    public boolean retryable() {
        return false;
    }
}
