package io.kommosync.examples.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference server's {@code serve} command running in a JVM of its own, started with this JVM's class path.
 * Its standard error (the log) goes to a file; its standard output is watched for the {@code ready} line.
 */
final class ServerProcess {

    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::watchOutput, "server-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code serve --config <config>} and waits until it says it is ready.
     *
     * @param config  the configuration file
     * @param log     where its log goes
     * @param timeout how long to wait for "ready"
     * @return the running server
     */
    static ServerProcess start(Path config, Path log, Duration timeout) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", System.getProperty("java.class.path"),
                KommoSyncServer.class.getName(), "serve", "--config", config.toString()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ServerProcess server = new ServerProcess(builder.start(), log);
        try {
            server.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.kill();
            throw new IllegalStateException("the server did not say 'ready' within " + timeout + "; its log:\n"
                    + server.logTail(), e);
        }
        return server;
    }

    /**
     * The base URL the server printed on its {@code ready} line.
     *
     * @return the URL
     */
    URI baseUri() {
        return URI.create(ready.join());
    }

    /**
     * Waits up to the given time for the process to end; the test's way to let time pass while the server works.
     *
     * @param time how long
     * @return whether it ended (which, for a server, is a failure)
     */
    boolean endsWithin(Duration time) throws InterruptedException {
        return process.waitFor(time.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** SIGKILL on Unix: no shutdown hook runs, nothing is flushed or closed. Waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM: the server closes its store and stops. Waits up to 30 s, then kills it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /**
     * The last part of the server's log, for failure messages.
     *
     * @return up to 8000 characters
     */
    String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 8000));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void watchOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ready ")) {
                    ready.complete(line.substring("ready ".length()));
                }
            }
            ready.completeExceptionally(new IllegalStateException("the server exited with code "
                    + process.waitFor()));
        } catch (IOException e) {
            ready.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }
}
