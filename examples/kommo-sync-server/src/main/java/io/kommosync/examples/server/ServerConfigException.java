package io.kommosync.examples.server;

import java.util.List;

/**
 * The server's YAML configuration file is missing, unreadable or has bad keys. The message lists every problem at
 * once, each with its YAML path (for example {@code connections[0].kommo.accountId}) and the fix; it never holds a
 * secret value.
 */
final class ServerConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    ServerConfigException(String source, List<String> problems) {
        super("the configuration " + source + " has " + problems.size() + " problem(s):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem, each starting with its YAML path.
     *
     * @return the problems
     */
    List<String> problems() {
        return problems;
    }
}
