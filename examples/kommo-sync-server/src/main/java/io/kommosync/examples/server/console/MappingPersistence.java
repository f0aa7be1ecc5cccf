package io.kommosync.examples.server.console;

import io.kommosync.sync.mapping.MappingTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;

/**
 * Keeps a mapping table the console saved, so that it survives a restart (the engine holds tables in memory). The
 * console calls it <em>before</em> it hands the table to the engine: if it throws, nothing changes and the page shows
 * the failure.
 *
 * <p>Implementations are thread-safe; the console serialises saves of one connection.
 */
@FunctionalInterface
public interface MappingPersistence {

    /**
     * Stores a table.
     *
     * @param connectionId the connection whose table it is
     * @param table        the table, already validated against the ledger's chart of accounts
     * @throws RuntimeException when it cannot be stored; the save is refused
     */
    void persist(String connectionId, MappingTable table);

    /**
     * Keeps nothing: saved tables last until the process ends.
     *
     * @return the no-op persistence
     */
    static MappingPersistence none() {
        return (connectionId, table) -> { };
    }

    /**
     * Writes the table to one file in the format its extension names ({@code .csv}, {@code .yaml}/{@code .yml},
     * {@code .json}, as {@link io.kommosync.sync.mapping.MappingTables#load(Path)} reads it), through a temporary
     * file in the same folder moved over the old one, so a crash never leaves half a table. Meant for a server with
     * one connection: every connection's table goes to the same file.
     *
     * @param file the mapping file
     * @return the persistence
     * @throws IllegalArgumentException when the extension is none of those
     */
    static MappingPersistence file(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        String name = String.valueOf(target.getFileName()).toLowerCase(Locale.ROOT);
        if (!name.endsWith(".csv") && !name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) {
            throw new IllegalArgumentException("mapping file " + target.getFileName()
                    + ": the name does not say its format; name it .csv, .yaml, .yml or .json");
        }
        return (connectionId, table) -> {
            try {
                Path temp = Files.createTempFile(target.getParent(), ".mapping-", ".tmp");
                try {
                    try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        if (name.endsWith(".csv")) {
                            table.toCsv(writer);
                        } else if (name.endsWith(".json")) {
                            table.toJson(writer);
                        } else {
                            table.toYaml(writer);
                        }
                    }
                    try {
                        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write mapping file " + target.getFileName() + ": "
                        + e.getMessage(), e);
            }
        };
    }
}
