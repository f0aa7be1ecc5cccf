package io.kommosync.examples.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.DimensionType;
import io.kommosync.examples.server.console.ConsoleViews.AccountOption;
import io.kommosync.examples.server.console.ConsoleViews.ConnectionView;
import io.kommosync.examples.server.console.ConsoleViews.DimensionOption;
import io.kommosync.examples.server.console.ConsoleViews.DimensionOptions;
import io.kommosync.examples.server.console.ConsoleViews.ErrorView;
import io.kommosync.examples.server.console.ConsoleViews.JobView;
import io.kommosync.examples.server.console.ConsoleViews.MappingEdit;
import io.kommosync.examples.server.console.ConsoleViews.MappingView;
import io.kommosync.examples.server.console.ConsoleViews.OtherRowView;
import io.kommosync.examples.server.console.ConsoleViews.ProductView;
import io.kommosync.examples.server.console.ConsoleViews.ReplayView;
import io.kommosync.examples.server.console.ConsoleViews.RowView;
import io.kommosync.examples.server.console.ConsoleViews.SavedView;
import io.kommosync.examples.server.console.ConsoleViews.TaxOption;
import io.kommosync.examples.server.console.ConsoleViews.ValidationView;
import io.kommosync.sync.Connection;
import io.kommosync.sync.SyncEngine;
import io.kommosync.sync.SyncException;
import io.kommosync.sync.mapping.MappingRow;
import io.kommosync.sync.mapping.MappingTable;
import io.kommosync.sync.mapping.ProductFacts;
import io.kommosync.sync.store.JobId;
import io.kommosync.sync.store.JobState;
import io.kommosync.sync.store.ParkReason;
import io.kommosync.sync.store.SyncJob;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON API (routes relative to {@code /console/api/}):
 * <ul>
 *   <li>{@code GET connections}</li>
 *   <li>{@code GET connections/<id>/mapping} — chart options, products and their rows, the table's problems</li>
 *   <li>{@code POST connections/<id>/mapping/validate} — the problems of the table with the page's edits</li>
 *   <li>{@code POST connections/<id>/mapping} — saves it when valid and unchanged since the page loaded it</li>
 *   <li>{@code GET jobs[?connection=<id>]} — parked, dead and retrying jobs</li>
 *   <li>{@code POST jobs/<id>/replay}</li>
 * </ul>
 */
final class ConsoleApi {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    private static final Pattern MAPPING = Pattern.compile("connections/([^/]+)/mapping(/validate)?");
    private static final Pattern REPLAY = Pattern.compile("jobs/([^/]+)/replay");
    private static final int JOB_LIMIT = 500;

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final SyncEngine engine;
    private final Map<String, ProductCatalog> catalogs;
    private final MappingPersistence persistence;
    private final Map<String, Object> saveLocks = new ConcurrentHashMap<>();

    /** A status and a JSON body. */
    record Answer(int status, byte[] body) {
    }

    /** An answer that is not 200. */
    private record WithStatus(int status, Object body) {
    }

    ConsoleApi(SyncEngine engine, Map<String, ProductCatalog> catalogs, MappingPersistence persistence) {
        this.engine = engine;
        this.catalogs = Map.copyOf(catalogs);
        this.persistence = persistence;
    }

    static Answer error(int status, String message) {
        try {
            return new Answer(status, new ObjectMapper().writeValueAsBytes(new ErrorView(message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error answer", e);
        }
    }

    Answer answer(String method, String route, String rawQuery, byte[] body) {
        try {
            Object answer = route(method, route, rawQuery, body);
            return answer instanceof WithStatus w ? new Answer(w.status(), json.writeValueAsBytes(w.body()))
                    : new Answer(200, json.writeValueAsBytes(answer));
        } catch (ConsoleException e) {
            return error(e.status(), e.getMessage());
        } catch (SyncException e) {
            return error(404, e.getMessage());
        } catch (JsonProcessingException e) {
            return error(400, "the request is not the JSON the console expects: " + e.getOriginalMessage());
        } catch (IOException e) {
            return error(400, "the request cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("console call {} {} failed", method, route, e);
            return error(502, "the ledger or Kommo could not answer: " + e.getMessage());
        }
    }

    private Object route(String method, String route, String rawQuery, byte[] body) throws IOException {
        if (route.equals("connections")) {
            requireMethod(method, "GET");
            return engine.connections().stream().sorted(Comparator.comparing(Connection::id))
                    .map(c -> new ConnectionView(c.id(), c.ledger().providerId(), catalogs.containsKey(c.id())))
                    .toList();
        }
        if (route.equals("jobs")) {
            requireMethod(method, "GET");
            return jobs(query(rawQuery).get("connection"));
        }
        Matcher m = MAPPING.matcher(route);
        if (m.matches()) {
            Connection c = engine.connection(decode(m.group(1)));
            if (m.group(2) != null) {
                requireMethod(method, "POST");
                return validate(c, json.readValue(body, MappingEdit.class));
            }
            if (method.equals("GET")) {
                return view(c);
            }
            requireMethod(method, "POST");
            return save(c, json.readValue(body, MappingEdit.class));
        }
        Matcher r = REPLAY.matcher(route);
        if (r.matches()) {
            requireMethod(method, "POST");
            return replay(decode(r.group(1)));
        }
        throw new ConsoleException(404, "no such console call: " + method + " " + route);
    }

    // ---- mapping ----------------------------------------------------------------------------------------------

    private MappingView view(Connection c) {
        ChartOfAccounts chart = c.ledger().chartOfAccounts();
        MappingTable table = c.mapping();
        List<ProductFacts> products = products(c);
        List<ProductView> productViews = new ArrayList<>();
        for (ProductFacts p : products) {
            RowView row = table.lookup(p).map(r -> new RowView(r.ledgerAccountCode(), r.taxCode(),
                    dimensions(r), r.key().describe(), MappingEdits.isOwn(r.key()))).orElse(null);
            productViews.add(new ProductView(p.catalogElementId(), p.name(), p.sku().orElse(""), row));
        }
        List<OtherRowView> others = new ArrayList<>();
        for (MappingRow r : table.rows()) {
            boolean shown = products.stream().anyMatch(p -> table.lookup(p).map(x -> x.key().equals(r.key())).orElse(false));
            if (!shown) {
                others.add(new OtherRowView(r.key().describe(), r.ledgerAccountCode(), r.taxCode(), dimensions(r)));
            }
        }
        int parked = (int) engine.store().jobs(Optional.of(c.id()), EnumSet.of(JobState.PARKED), JOB_LIMIT).stream()
                .filter(j -> j.parkReason().equals(Optional.of(ParkReason.UNMAPPED_PRODUCT))).count();
        return new MappingView(c.id(), table.fingerprint(), catalogs.containsKey(c.id()),
                chart.accounts().stream().sorted(Comparator.comparing(a -> a.code()))
                        .map(a -> new AccountOption(a.code(), a.name(), a.type().name().toLowerCase(Locale.ROOT)
                                .replace('_', ' '), a.active(), a.type().isIncome())).toList(),
                chart.taxRates().stream().map(t -> new TaxOption(t.code(), t.name(), t.percent(), t.active())).toList(),
                chart.dimensionValues().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(e -> new DimensionOptions(e.getKey().name(), label(e.getKey()), e.getValue().stream()
                                .map(v -> new DimensionOption(v.id(), v.name(), v.active())).toList())).toList(),
                productViews, others, MappingEdits.attribute(table.validate(chart), table, products), parked);
    }

    private ValidationView validate(Connection c, MappingEdit edit) {
        MappingEdits.Outcome outcome = MappingEdits.apply(c.mapping(), products(c), rows(edit),
                c.ledger().chartOfAccounts());
        return new ValidationView(outcome.valid(), outcome.problems());
    }

    private Object save(Connection given, MappingEdit edit) {
        synchronized (saveLocks.computeIfAbsent(given.id(), id -> new Object())) {
            Connection c = engine.connection(given.id());
            if (edit.baseFingerprint() == null || !edit.baseFingerprint().equals(c.mapping().fingerprint())) {
                throw new ConsoleException(409, "the mapping table was changed since this page loaded it;"
                        + " reload the page and make the changes again");
            }
            MappingEdits.Outcome outcome = MappingEdits.apply(c.mapping(), products(c), rows(edit),
                    c.ledger().chartOfAccounts());
            if (!outcome.valid()) {
                return new WithStatus(422, new ValidationView(false, outcome.problems()));
            }
            persistence.persist(c.id(), outcome.table());
            boolean resume = edit.resumeParked() == null || edit.resumeParked();
            int resumed = engine.replaceMapping(c.id(), outcome.table(), resume);
            LOG.info("console saved the mapping table of {} ({}); {} parked job(s) resumed", c.id(), outcome.table(),
                    resumed);
            return new SavedView(outcome.table().fingerprint(), resumed, true);
        }
    }

    private List<ProductFacts> products(Connection c) {
        ProductCatalog catalog = catalogs.get(c.id());
        return catalog == null ? List.of() : catalog.products();
    }

    private static List<ConsoleViews.RowEdit> rows(MappingEdit edit) {
        return edit.rows() == null ? List.of() : edit.rows();
    }

    private static Map<String, String> dimensions(MappingRow row) {
        Map<String, String> out = new LinkedHashMap<>();
        row.dimensions().values().forEach((type, value) -> out.put(type.name(), value));
        return out;
    }

    private static String label(DimensionType type) {
        String words = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    // ---- jobs -------------------------------------------------------------------------------------------------

    private List<JobView> jobs(String connectionId) {
        Optional<String> only = Optional.ofNullable(connectionId).filter(s -> !s.isBlank());
        only.ifPresent(engine::connection);
        return engine.store().jobs(only, EnumSet.of(JobState.PARKED, JobState.DEAD, JobState.PENDING), JOB_LIMIT)
                .stream().filter(j -> j.state() != JobState.PENDING || j.failures() > 0)
                .map(ConsoleApi::jobView).toList();
    }

    private static JobView jobView(SyncJob j) {
        boolean retrying = j.state() == JobState.PENDING;
        return new JobView(j.id().value(), j.connectionId(), j.kind().name(), j.subjectId(),
                retrying ? "RETRYING" : j.state().name(), j.parkReason().map(Enum::name).orElse(null),
                j.lastError().orElse(""), j.failures(), retrying ? j.dueAt().toString() : null,
                j.updatedAt().toString(), !retrying);
    }

    private ReplayView replay(String id) {
        JobId jobId;
        try {
            jobId = new JobId(id);
        } catch (RuntimeException e) {
            throw new ConsoleException(400, "'" + id + "' is not a job id");
        }
        Optional<SyncJob> job = engine.store().job(jobId);
        if (job.isEmpty()) {
            throw new ConsoleException(404, "there is no job " + id);
        }
        if (!engine.replay(jobId)) {
            throw new ConsoleException(409, "job " + id + " is already waiting to run or running");
        }
        LOG.info("console replayed job {}", id);
        return new ReplayView(id, true);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private static void requireMethod(String method, String wanted) {
        if (!method.equals(wanted)) {
            throw new ConsoleException(405, "use " + wanted);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
