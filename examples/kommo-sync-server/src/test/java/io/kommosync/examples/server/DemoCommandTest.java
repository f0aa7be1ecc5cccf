package io.kommosync.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@DisplayName("The demo command")
class DemoCommandTest {

    @Test
    @DisplayName("moves a deal, shows the mapped invoice, the number and link written back, and the paid status")
    void runsTheWholeFlow() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = new CommandLine(new KommoSyncServer()).execute("demo", "--ledger=in-memory");
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out)
                .contains("Invoice INV-0001 raised in the ledger")
                .containsPattern("Consulting day +1\\.5 x +800\\.00 +net +1200\\.00 +account 4010 Services")
                .containsPattern("Training kit +2 x +49\\.99 +net +99\\.98 +account 4000 Sales")
                .contains("total 1539.98 GBP")
                .contains("Written back to the deal: Invoice number = INV-0001, Invoice link = https://")
                .contains("Payment status = Awaiting payment")
                .contains("the deal's Payment status is now Paid");
    }

    @Test
    @DisplayName("an unknown ledger is refused with the list of known ones")
    void unknownLedger() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new KommoSyncServer());
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int exit = cli.execute("demo", "--ledger=quickbooks");
        assertThat(exit).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown ledger 'quickbooks'").contains("in-memory");
    }
}
