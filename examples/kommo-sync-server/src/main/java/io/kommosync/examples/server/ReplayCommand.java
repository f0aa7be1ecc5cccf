package io.kommosync.examples.server;

import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.store.JobId;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs a parked, dead or finished job again from its last checkpoint, on this thread, and prints the outcome. Opens
 * no HTTP port; works next to a running {@code serve} (whichever claims the job first runs it).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays one job (see jobs) and prints the outcome. Exits with 1 unless it ends done.")
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job's id, as jobs lists it.")
    private String jobId;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path configFile;

    @Option(names = "--wait", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "How long to wait for a job another process is running (default: ${DEFAULT-VALUE}).")
    private Duration wait;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config = ServerConfig.load(configFile);
        JobId id = new JobId(jobId.strip());
        try (EngineHost host = EngineHost.open(config, new SyncListener() { })) {
            SyncEngine engine = host.engine();
            Optional<SyncJob> before = engine.store().job(id);
            if (before.isEmpty()) {
                throw new ServerConfigException("JOB_ID", List.of("JOB_ID: there is no job " + id
                        + " in the store; list them with jobs --config " + configFile));
            }
            if (!engine.replay(id)) {
                out.println("job " + id + " is " + JobsCommand.state(before.get()) + " already; nothing to replay");
                out.flush();
                return KommoSyncServer.PROBLEMS;
            }
            Instant deadline = Instant.now().plus(wait);
            SyncJob job;
            while (true) {
                engine.runDueJobs();
                job = engine.store().job(id).orElseThrow();
                boolean waiting = job.state() == JobState.RUNNING
                        || job.state() == JobState.PENDING && !job.dueAt().isAfter(Instant.now());
                if (!waiting || Instant.now().isAfter(deadline)) {
                    break;
                }
                Thread.sleep(100);
            }
            out.println("job " + id + " (" + job.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + job.subjectId() + "): " + outcome(job));
            out.flush();
            return job.state() == JobState.DONE ? 0 : KommoSyncServer.PROBLEMS;
        }
    }

    private static String outcome(SyncJob job) {
        String why = job.parkReason().map(r -> r.name() + ": ").orElse("") + job.lastError().orElse("");
        return switch (job.state()) {
            case DONE -> "done";
            case PARKED -> "parked again, " + why;
            case DEAD -> "dead, " + why;
            case PENDING -> "failed again, retrying at " + job.dueAt() + ": " + why;
            case RUNNING -> "still running in another process";
        };
    }
}
