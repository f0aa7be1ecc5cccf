package io.kommosync.examples.server;

import io.kommosync.accounting.spi.Invoice;
import io.kommosync.sync.Connection;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncListener;
import io.kommosync.sync.TriggerRule;
import io.kommosync.sync.store.EnqueueResult;
import io.kommosync.sync.store.JobKind;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.SyncJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Raises the invoices of deals that were already in a trigger stage before kommo-sync was set up: enqueues every deal
 * in the stage updated since a date and runs the jobs on this thread, with a progress bar. A deal already invoiced
 * under the trigger is not invoiced again (the engine's idempotency key is the connection, deal and trigger), so
 * running it twice is harmless. Opens no HTTP port.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Invoices the deals already in a trigger stage, updated since a date. Idempotent.")
final class BackfillCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path configFile;

    @Option(names = "--connection", required = true, paramLabel = "ID", description = "The connection.")
    private String connectionId;

    @Option(names = "--stage", required = true, paramLabel = "STAGE_ID",
            description = "The stage (status id) of one of the connection's triggers.")
    private long stageId;

    @Option(names = "--pipeline", paramLabel = "ID", description = "The pipeline, when the stage id is ambiguous.")
    private Optional<Long> pipelineId;

    @Option(names = "--since", required = true, paramLabel = "DATE",
            description = "Only deals updated since then: a date (2026-11-01, midnight UTC) or an instant "
                    + "(2026-11-01T09:00:00Z).")
    private String since;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
            description = "auto (a bar on a console, lines otherwise), bar or lines (default: ${DEFAULT-VALUE}).")
    private String progressMode;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant from = instant(since);
        ServerConfig config = ServerConfig.load(configFile);
        config.connection(connectionId);
        Map<Long, String> settled = new ConcurrentHashMap<>();
        ProgressHolder progress = new ProgressHolder();
        SyncListener listener = new SyncListener() {
            @Override
            public void invoiceRaised(String connection, long dealId, Invoice invoice) {
                settle(connection, dealId, "invoiced now");
            }

            @Override
            public void jobParked(SyncJob job, String reason) {
                settle(job, "parked");
            }

            @Override
            public void jobDead(SyncJob job, String reason) {
                settle(job, "dead");
            }

            private void settle(SyncJob job, String outcome) {
                if (job.kind() == JobKind.RAISE_INVOICE) {
                    settle(job.connectionId(), Long.parseLong(job.subjectId()), outcome);
                }
            }

            private void settle(String connection, long dealId, String outcome) {
                if (connection.equals(connectionId) && progress.deals.contains(dealId)) {
                    settled.putIfAbsent(dealId, outcome);
                    progress.update(settled.size());
                }
            }
        };
        try (EngineHost host = EngineHost.open(config, listener)) {
            SyncEngine engine = host.engine();
            Connection c = engine.connection(connectionId);
            TriggerRule trigger = trigger(c);
            List<Long> deals = engine.connection(connectionId).kommo().dealsInStage(trigger.pipelineId(),
                    trigger.statusId(), from);
            progress.deals = Set.copyOf(deals);
            out.println("backfill " + connectionId + ": " + deals.size() + " deal(s) in stage " + trigger.statusId()
                    + " of pipeline " + trigger.pipelineId() + " updated since " + from);
            boolean console = switch (progressMode) {
                case "bar" -> true;
                case "lines" -> false;
                default -> System.console() != null;
            };
            progress.bar = new ProgressBar(out, console, "invoicing", deals.size());
            Map<Long, SyncJob> jobs = new LinkedHashMap<>();
            int already = 0;
            for (long deal : deals) {
                EnqueueResult r = engine.enqueueInvoice(connectionId, deal, trigger.id());
                jobs.put(deal, r.job());
                if (!r.created() && r.job().state() == JobState.DONE) {
                    settled.put(deal, "already invoiced");
                    already++;
                }
            }
            progress.update(settled.size());
            while (engine.runDueJobs() > 0) {
                progress.update(settled.size());
            }
            progress.update(settled.size());
            progress.bar.finish();
            Map<String, Integer> counts = new LinkedHashMap<>();
            List<String> attention = new ArrayList<>();
            for (Map.Entry<Long, SyncJob> e : jobs.entrySet()) {
                SyncJob job = engine.store().job(e.getValue().id()).orElse(e.getValue());
                String outcome = switch (job.state()) {
                    case DONE -> settled.getOrDefault(e.getKey(), "invoiced now");
                    case PARKED -> "parked";
                    case DEAD -> "dead";
                    case PENDING, RUNNING -> "left for a retry";
                };
                counts.merge(outcome, 1, Integer::sum);
                if (job.state() == JobState.PARKED || job.state() == JobState.DEAD) {
                    attention.add("deal " + e.getKey() + ": job " + job.id() + " " + outcome + ": "
                            + job.lastError().orElse(job.parkReason().map(Enum::name).orElse("")));
                }
            }
            out.println("done: " + (counts.isEmpty() ? "nothing to do" : String.join(", ", counts.entrySet().stream()
                    .map(x -> x.getValue() + " " + x.getKey()).toList()))
                    + (already > 0 ? " (the engine never invoices a deal twice)" : ""));
            attention.forEach(a -> out.println("  " + a));
            if (counts.containsKey("left for a retry")) {
                out.println("  jobs left for a retry run when serve is running, or on the next backfill");
            }
            out.flush();
            return attention.isEmpty() ? 0 : KommoSyncServer.PROBLEMS;
        }
    }

    private TriggerRule trigger(Connection c) {
        List<TriggerRule> matching = c.triggers().stream().filter(t -> t.statusId() == stageId)
                .filter(t -> pipelineId.isEmpty() || t.pipelineId() == pipelineId.get()).toList();
        if (matching.size() != 1) {
            throw new ServerConfigException("--stage " + stageId, List.of("--stage: " + (matching.isEmpty()
                    ? "no trigger of connection " + c.id() + " has stage " + stageId
                    + pipelineId.map(p -> " in pipeline " + p).orElse("") + "; add it to the connection's triggers "
                    + "(known: " + c.triggers() + ")"
                    : "several triggers have stage " + stageId + "; add --pipeline")));
        }
        return matching.get(0);
    }

    private Instant instant(String text) {
        try {
            return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--since: '" + text
                        + "' is neither a date like 2026-11-01 nor an instant like 2026-11-01T09:00:00Z");
            }
        }
    }

    /** The deals and the bar, set once the deals are known; updates before that are ignored. */
    private static final class ProgressHolder {
        private volatile Set<Long> deals = Set.of();
        private ProgressBar bar;

        void update(int done) {
            if (bar != null) {
                bar.update(done);
            }
        }
    }
}
