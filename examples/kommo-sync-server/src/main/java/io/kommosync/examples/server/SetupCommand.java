package io.kommosync.examples.server;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.accounting.spi.InvoiceStatus;
import io.kommosync.kommo.CustomFieldDefinition;
import io.kommosync.kommo.CustomFieldType;
import io.kommosync.kommo.NewCustomField;
import io.kommosync.sync.KommoFields;
import io.kommosync.sync.kommo.KommoClientGateway;
import io.kommosync.sync.mapping.MappingFormatException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prepares each connection: creates the Kommo deal fields the engine writes (invoice number, link, payment status)
 * when they are missing, subscribes the Kommo webhook, loads the ledger's chart of accounts and tax rates, and
 * validates the mapping table against them and the Kommo catalog. Prints every problem; exits with
 * {@value KommoSyncServer#PROBLEMS} when there are any. Running it again creates nothing.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Creates missing Kommo deal fields and the webhook subscription, and checks the ledger and "
                + "the mapping table.")
final class SetupCommand implements Callable<Integer> {

    /** The deal fields, as setup creates them: code, name, type. */
    static final String NUMBER_CODE = "INVOICE_NUMBER";
    static final String LINK_CODE = "INVOICE_LINK";
    static final String STATUS_CODE = "PAYMENT_STATUS";
    static final Map<InvoiceStatus, String> STATUS_OPTIONS = statusOptions();
    static final List<String> WEBHOOK_EVENTS = List.of("status_lead", "add_lead");

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path configFile;

    @Option(names = "--connection", paramLabel = "ID", description = "Only this connection (default: all).")
    private Optional<String> connection;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ServerConfig config = ServerConfig.load(configFile);
        List<String> problems = new ArrayList<>();
        for (ServerConfig.ConnectionConfig c : config.selected(connection)) {
            String path = "connections[" + config.connections().indexOf(c) + "]";
            out.println("connection " + c.id() + " (" + c.kommo() + ", ledger " + c.ledger().provider() + "):");
            try (ConnectionClients clients = ConnectionClients.open(c)) {
                fields(clients, path, out, problems);
                String hook = config.publicBase() + "/kommo/" + c.id() + "/";
                boolean subscribed = new KommoClientGateway(clients.kommo())
                        .ensureWebhook(hook + c.webhookToken().reveal(), WEBHOOK_EVENTS);
                out.println("  webhook " + hook + "<webhookToken>: " + (subscribed ? "subscribed" : "already subscribed")
                        + " to " + WEBHOOK_EVENTS);
                ChartOfAccounts chart = clients.ledger().chartOfAccounts();
                out.println("  ledger: " + chart.accounts().size() + " accounts ("
                        + chart.accounts().stream().filter(a -> a.active() && a.type().isIncome()).count()
                        + " active revenue), " + chart.taxRates().size() + " tax rates");
                mapping(clients, chart, path, out, problems);
            }
        }
        if (problems.isEmpty()) {
            out.println("setup complete: no problems");
        } else {
            out.println(problems.size() + " problem(s):");
            problems.forEach(p -> out.println("  - " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : KommoSyncServer.PROBLEMS;
    }

    private static void fields(ConnectionClients clients, String path, PrintWriter out, List<String> problems) {
        Optional<KommoFields> configured = clients.config().fields();
        List<CustomFieldDefinition> existing = clients.kommo().leadCustomFields().list();
        Optional<CustomFieldDefinition> number = field(clients, existing, out, problems, path + ".fields.invoiceNumber",
                configured.map(f -> OptionalLong.of(f.invoiceNumberFieldId())).orElse(OptionalLong.empty()),
                NewCustomField.of(CustomFieldType.TEXT, "Invoice number").withCode(NUMBER_CODE));
        Optional<CustomFieldDefinition> link = field(clients, existing, out, problems, path + ".fields.invoiceLink",
                configured.map(f -> OptionalLong.of(f.invoiceLinkFieldId())).orElse(OptionalLong.empty()),
                NewCustomField.of(CustomFieldType.URL, "Invoice link").withCode(LINK_CODE));
        Optional<CustomFieldDefinition> status = field(clients, existing, out, problems,
                path + ".fields.paymentStatus.fieldId",
                configured.map(KommoFields::paymentStatusFieldId).orElse(OptionalLong.empty()),
                NewCustomField.select("Payment status", List.copyOf(STATUS_OPTIONS.values())).withCode(STATUS_CODE));
        if (number.isEmpty() || link.isEmpty() || status.isEmpty()) {
            return;
        }
        Map<InvoiceStatus, Long> options = new LinkedHashMap<>();
        STATUS_OPTIONS.forEach((s, name) -> status.get().optionId(name).ifPresent(id -> options.put(s, id)));
        KommoFields found = KommoFields.of(number.get().id(), link.get().id());
        if (options.size() == STATUS_OPTIONS.size()) {
            found = found.withPaymentStatus(status.get().id(), options);
        }
        if (configured.isEmpty() || !configured.get().equals(found)) {
            out.println("  put these ids in the configuration under " + path + ":");
            out.println("    fields:");
            out.println("      invoiceNumber: " + found.invoiceNumberFieldId());
            out.println("      invoiceLink: " + found.invoiceLinkFieldId());
            if (found.paymentStatusFieldId().isPresent()) {
                out.println("      paymentStatus:");
                out.println("        fieldId: " + found.paymentStatusFieldId().getAsLong());
                out.println("        options: {" + String.join(", ", options.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue()).toList()) + "}");
            }
            if (configured.isPresent()) {
                problems.add(path + ".fields: differs from the fields in Kommo; copy the ids printed above");
            }
        }
    }

    private static Optional<CustomFieldDefinition> field(ConnectionClients clients,
                                                         List<CustomFieldDefinition> existing, PrintWriter out,
                                                         List<String> problems, String path, OptionalLong configuredId,
                                                         NewCustomField wanted) {
        String code = wanted.code().orElseThrow();
        if (configuredId.isPresent()) {
            Optional<CustomFieldDefinition> byId = existing.stream().filter(f -> f.id() == configuredId.getAsLong())
                    .findFirst();
            if (byId.isEmpty()) {
                problems.add(path + ": Kommo has no deal field " + configuredId.getAsLong() + "; remove the fields "
                        + "section and run setup again to create the fields");
            } else {
                out.println("  Kommo field '" + byId.get().name() + "': exists, id " + byId.get().id());
            }
            return byId;
        }
        Optional<CustomFieldDefinition> byCode = existing.stream()
                .filter(f -> f.code().filter(code::equals).isPresent()).findFirst();
        if (byCode.isPresent()) {
            out.println("  Kommo field '" + byCode.get().name() + "': exists, id " + byCode.get().id());
            return byCode;
        }
        CustomFieldDefinition created = clients.kommo().leadCustomFields().create(List.of(wanted)).get(0);
        out.println("  Kommo field '" + created.name() + "': created, id " + created.id());
        return Optional.of(created);
    }

    private static void mapping(ConnectionClients clients, ChartOfAccounts chart, String path, PrintWriter out,
                                List<String> problems) {
        ServerConfig.MappingSource source = clients.config().mapping();
        if (source.file().isPresent() && !Files.isRegularFile(source.file().get())) {
            problems.add(path + ".mapping.file: " + source.file().get() + " does not exist; run `mapping export "
                    + "--config <file> --connection " + clients.config().id() + " --out " + source.file().get()
                    + "` and let the accountant fill in the accounts and tax codes");
            return;
        }
        MappingSheet sheet;
        try {
            sheet = source.inline().map(t -> new MappingSheet(t, List.of()))
                    .orElseGet(() -> MappingSheet.load(source.file().get()));
        } catch (MappingFormatException e) {
            e.problems().forEach(p -> problems.add(path + ".mapping: " + p));
            return;
        }
        List<String> found = MappingCheck.problems(sheet, chart, clients.products());
        out.println("  mapping: " + sheet.table().rows().size() + " row(s), " + found.size() + " problem(s)");
        found.forEach(p -> problems.add(clients.config().id() + " mapping: " + p));
    }

    private static Map<InvoiceStatus, String> statusOptions() {
        Map<InvoiceStatus, String> options = new LinkedHashMap<>();
        options.put(InvoiceStatus.DRAFT, "Draft");
        options.put(InvoiceStatus.AWAITING_PAYMENT, "Awaiting payment");
        options.put(InvoiceStatus.PARTIALLY_PAID, "Partially paid");
        options.put(InvoiceStatus.PAID, "Paid");
        options.put(InvoiceStatus.OVERDUE, "Overdue");
        options.put(InvoiceStatus.VOID, "Void");
        return java.util.Collections.unmodifiableMap(options);
    }
}
