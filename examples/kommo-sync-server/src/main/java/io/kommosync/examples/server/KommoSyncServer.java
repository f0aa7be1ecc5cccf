package io.kommosync.examples.server;

import io.kommosync.sync.SyncException;
import io.kommosync.sync.jdbc.JdbcStoreException;
import io.kommosync.sync.mapping.MappingFormatException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The reference server's command line.
 */
@Command(name = "kommo-sync-server", mixinStandardHelpOptions = true, version = "kommo-sync 0.1.0-SNAPSHOT",
        description = "Raises ledger invoices from Kommo deals.",
        subcommands = {DemoCommand.class, ServeCommand.class, SetupCommand.class, MappingCommand.class,
            BackfillCommand.class, JobsCommand.class, ReplayCommand.class})
public final class KommoSyncServer implements Runnable {

    /** The exit code of a command that found problems to fix (mapping, setup). */
    static final int PROBLEMS = 1;
    /** The exit code of a command that could not run: bad configuration, unreadable file, unknown job. */
    static final int CANNOT_RUN = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /**
     * The command line, with configuration and input errors shown as their message (which names the fix), not as
     * a stack trace.
     *
     * @return a new command line
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KommoSyncServer());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ServerConfigException || e instanceof MappingFormatException
                    || e instanceof SyncException || e instanceof UncheckedIOException
                    || e instanceof JdbcStoreException) {
                commandLine.getErr().println("error: " + e.getMessage());
                commandLine.getErr().flush();
                return CANNOT_RUN;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
