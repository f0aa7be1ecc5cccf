package io.kommosync.examples.server;

import io.kommosync.accounting.spi.ChartOfAccounts;
import io.kommosync.sync.mapping.MappingFormatException;
import io.kommosync.sync.mapping.MappingTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mapping export} and {@code mapping validate}: the accountant's mapping sheet ({@link MappingSheet}). */
@Command(name = "mapping", mixinStandardHelpOptions = true,
        description = "Exports the mapping sheet for the accountant and validates it.",
        subcommands = {MappingCommand.Export.class, MappingCommand.Validate.class})
final class MappingCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static ServerConfig.ConnectionConfig pick(ServerConfig config, Optional<String> id) {
        if (id.isEmpty() && config.connections().size() > 1) {
            throw new ServerConfigException("--connection", List.of("--connection: the configuration has "
                    + config.connections().size() + " connections; name one of "
                    + config.connections().stream().map(ServerConfig.ConnectionConfig::id).toList()));
        }
        return id.map(config::connection).orElse(config.connections().get(0));
    }

    /** Writes the sheet: every catalog product with a suggested key, then the ledger's revenue accounts and tax codes. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes a CSV sheet listing every Kommo catalog product with a suggested key, and the "
                    + "ledger's revenue accounts and tax codes, for the accountant to fill in.")
    static final class Export implements Callable<Integer> {

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
        private Path configFile;

        @Option(names = "--connection", paramLabel = "ID", description = "The connection (needed when there are several).")
        private Optional<String> connection;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the sheet (default: standard output).")
        private Optional<Path> outFile;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServerConfig config = ServerConfig.load(configFile);
            ServerConfig.ConnectionConfig c = pick(config, connection);
            String sheet;
            int products;
            ChartOfAccounts chart;
            try (ConnectionClients clients = ConnectionClients.open(c)) {
                List<MappingSheet.Product> list = clients.products();
                products = list.size();
                chart = clients.ledger().chartOfAccounts();
                MappingTable current = currentTable(c);
                sheet = MappingSheet.write(list, current, chart);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (outFile.isPresent()) {
                try {
                    Path parent = outFile.get().toAbsolutePath().getParent();
                    Files.createDirectories(parent);
                    Files.writeString(outFile.get(), sheet, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + outFile.get() + ": " + e.getMessage(), e);
                }
                out.println("wrote " + outFile.get() + ": " + products + " product(s), "
                        + chart.accounts().stream().filter(a -> a.active() && a.type().isIncome()).count()
                        + " revenue account(s), " + chart.taxRates().stream().filter(t -> t.active()).count()
                        + " tax code(s); fill in ledger_account and tax_code, then run mapping validate");
            } else {
                out.print(sheet.substring(MappingSheet.BOM.length()));
            }
            out.flush();
            return 0;
        }

        private static MappingTable currentTable(ServerConfig.ConnectionConfig c) {
            try {
                if (c.mapping().file().isPresent() && !Files.isRegularFile(c.mapping().file().get())) {
                    return MappingTable.empty();
                }
                return c.mapping().load();
            } catch (MappingFormatException e) {
                return MappingTable.empty();
            }
        }
    }

    /** Checks a sheet (or any mapping file) against the ledger and the Kommo catalog. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Prints every problem of a mapping file: unknown or inactive accounts, unknown tax codes, "
                    + "duplicate keys, products without a row. Exits with 1 when there are problems.")
    static final class Validate implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "The mapping file (a filled-in sheet, CSV, YAML or JSON).")
        private Path file;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
        private Path configFile;

        @Option(names = "--connection", paramLabel = "ID", description = "The connection (needed when there are several).")
        private Optional<String> connection;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ServerConfig config = ServerConfig.load(configFile);
            ServerConfig.ConnectionConfig c = pick(config, connection);
            PrintWriter out = spec.commandLine().getOut();
            List<String> problems = new ArrayList<>();
            MappingSheet sheet = null;
            try {
                sheet = MappingSheet.load(file);
            } catch (MappingFormatException e) {
                e.problems().forEach(p -> problems.add(p.toString()));
            }
            int products = 0;
            if (sheet != null) {
                try (ConnectionClients clients = ConnectionClients.open(c)) {
                    List<MappingSheet.Product> list = clients.products();
                    products = list.size();
                    problems.addAll(MappingCheck.problems(sheet, clients.ledger().chartOfAccounts(), list));
                }
            }
            if (problems.isEmpty()) {
                out.println(file + ": no problems; " + sheet.table().rows().size() + " row(s) cover all " + products
                        + " catalog product(s)");
            } else {
                out.println(file + ": " + problems.size() + " problem(s):");
                problems.forEach(p -> out.println("  - " + p));
            }
            out.flush();
            return problems.isEmpty() ? 0 : KommoSyncServer.PROBLEMS;
        }
    }
}
