package io.kommosync.examples.server;

import io.kommosync.sync.jdbc.SyncDatabase;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lists jobs that need attention, with their reasons, straight from the store (no Kommo, no ledger, no HTTP). Works
 * while {@code serve} runs: an H2 file store is opened in H2's automatic mixed mode.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Lists jobs with their reasons (default: parked, dead and retrying).")
final class JobsCommand implements Callable<Integer> {

    /** The states {@code --state} accepts: the store's, with pending split into pending and retrying. */
    static final List<String> STATES = List.of("pending", "retrying", "running", "parked", "dead", "done");

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path configFile;

    @Option(names = "--state", split = ",", defaultValue = "parked,dead,retrying", paramLabel = "STATE",
            description = "Comma-separated: pending, retrying, running, parked, dead, done (default: ${DEFAULT-VALUE}).")
    private List<String> states;

    @Option(names = "--connection", paramLabel = "ID", description = "Only this connection.")
    private Optional<String> connection;

    @Option(names = "--limit", defaultValue = "200", description = "At most this many jobs (default: ${DEFAULT-VALUE}).")
    private int limit;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> wanted = states.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        for (String s : wanted) {
            if (!STATES.contains(s)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--state: unknown state '" + s
                        + "'; use " + STATES);
            }
        }
        ServerConfig config = ServerConfig.load(configFile);
        connection.ifPresent(config::connection);
        Set<JobState> query = EnumSet.noneOf(JobState.class);
        wanted.forEach(s -> query.add(s.equals("retrying") ? JobState.PENDING : JobState.valueOf(s.toUpperCase(Locale.ROOT))));
        List<SyncJob> jobs;
        try (SyncDatabase database = EngineHost.openStore(config.store())) {
            jobs = database.syncStore().jobs(connection, query, limit).stream()
                    .filter(j -> wanted.contains(state(j))).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (jobs.isEmpty()) {
            out.println("no jobs in state " + String.join(", ", wanted));
            out.flush();
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("JOB", "CONNECTION", "KIND", "SUBJECT", "STATE", "FAILURES", "UPDATED", "REASON"));
        for (SyncJob j : jobs) {
            String reason = (j.parkReason().map(r -> r.name() + ": ").orElse("") + j.lastError().orElse(""))
                    .replaceAll("\\s+", " ").strip();
            rows.add(List.of(j.id().value(), j.connectionId(), j.kind().name().toLowerCase(Locale.ROOT),
                    j.subjectId(), state(j), Integer.toString(j.failures()),
                    j.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString(), reason));
        }
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format(Locale.ROOT, "%-" + widths[i] + "s  ",
                        row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println(jobs.size() + " job(s); replay one with: replay <JOB> --config " + configFile);
        out.flush();
        return 0;
    }

    /**
     * The state a person reads: the store's, with a pending job that failed before shown as retrying.
     *
     * @param job the job
     * @return the state name
     */
    static String state(SyncJob job) {
        if (job.state() == JobState.PENDING && job.failures() > 0) {
            return "retrying";
        }
        return job.state().name().toLowerCase(Locale.ROOT);
    }
}
