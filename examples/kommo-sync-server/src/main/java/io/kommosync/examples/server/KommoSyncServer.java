package io.kommosync.examples.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The reference server's command line.
 */
@Command(name = "kommo-sync-server", mixinStandardHelpOptions = true, version = "kommo-sync 0.1.0-SNAPSHOT",
        description = "Raises ledger invoices from Kommo deals.",
        subcommands = {DemoCommand.class, ServeCommand.class})
public final class KommoSyncServer implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int exit = new CommandLine(new KommoSyncServer()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
