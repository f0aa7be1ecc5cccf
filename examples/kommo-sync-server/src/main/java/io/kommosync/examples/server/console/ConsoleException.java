package io.kommosync.examples.server.console;

/** A request the console refuses, with the HTTP status and a message for the page. */
final class ConsoleException extends RuntimeException {

    private final int status;

    ConsoleException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
