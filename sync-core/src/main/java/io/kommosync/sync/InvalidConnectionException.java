package io.kommosync.sync;

import java.util.List;

/**
 * A connection cannot be built; lists every problem at once.
 */
public final class InvalidConnectionException extends SyncException {

    private final List<String> problems;

    /**
     * Creates the exception.
     *
     * @param connectionId the connection id, may be {@code null}
     * @param problems     every problem, each naming the setting and the fix
     */
    public InvalidConnectionException(String connectionId, List<String> problems) {
        super("connection " + connectionId + " has " + problems.size() + " problem(s):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * The problems.
     *
     * @return every problem
     */
    public List<String> problems() {
        return problems;
    }
}
