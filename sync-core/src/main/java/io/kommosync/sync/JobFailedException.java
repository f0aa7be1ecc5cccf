package io.kommosync.sync;

/**
 * A job cannot succeed as things stand (the deal lacks what the invoice needs); the engine kills it and tells a
 * person with a task. Replaying the job after the fix runs it again.
 */
public final class JobFailedException extends SyncException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do, in plain words
     */
    public JobFailedException(String message) {
        super(message);
    }
}
