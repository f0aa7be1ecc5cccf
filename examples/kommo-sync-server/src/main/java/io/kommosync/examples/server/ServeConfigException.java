package io.kommosync.examples.server;

/** The {@code serve} configuration file is missing, unreadable or has bad keys; the message names each and the fix. */
final class ServeConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ServeConfigException(String message) {
        super(message);
    }
}
