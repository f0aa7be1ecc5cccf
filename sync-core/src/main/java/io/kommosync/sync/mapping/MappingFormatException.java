package io.kommosync.sync.mapping;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A mapping file cannot be read as a mapping table. Lists every bad row at once, each with its line, its column
 * (CSV) or field path (YAML/JSON) and the fix, so one round of corrections is enough. Problems with the
 * <em>content</em> measured against the ledger (unknown accounts and the like) are not format problems: see
 * {@link MappingTable#validate(io.kommosync.accounting.spi.ChartOfAccounts)}.
 *
 * <p>Unchecked; never wraps a parser exception type from a third-party library.
 */
public class MappingFormatException extends io.kommosync.sync.SyncException {

    private final String source;
    private final List<Problem> problems;

    /**
     * One bad row, cell or construct of a mapping file.
     *
     * @param line    the 1-based line in the file; {@code 0} when the problem concerns the whole file
     * @param column  the CSV column header (for example {@code key_type}; {@code #6} for the sixth column when it
     *                has no header) or the YAML/JSON field path (for example {@code rows[2].account}, rows counted
     *                from 0); empty when the problem concerns a whole row or file
     * @param message what is wrong
     * @param fix     what to do about it
     */
    public record Problem(int line, Optional<String> column, String message, String fix) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException     if a component is {@code null}
         * @throws IllegalArgumentException if the line is negative
         */
        public Problem {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(fix, "fix");
            if (line < 0) {
                throw new IllegalArgumentException("line must not be negative, got " + line);
            }
        }

        /**
         * Where, what and how to fix it, for example
         * {@code line 3, column key_type: unknown key type 'skew'. Fix: use element_id, sku, field or deal_price.}
         *
         * @return the text to show a person
         */
        @Override
        public String toString() {
            StringBuilder where = new StringBuilder();
            if (line > 0) {
                where.append("line ").append(line);
            }
            column.ifPresent(c -> where.append(where.length() == 0 ? "" : ", ").append("column ").append(c));
            return (where.length() == 0 ? "" : where + ": ") + message + " Fix: " + fix;
        }
    }

    /**
     * Creates the exception.
     *
     * @param source   what was read, for example the file name or {@code "CSV"}
     * @param problems every problem found; not empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public MappingFormatException(String source, List<Problem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String describe(String source, List<Problem> problems) {
        Objects.requireNonNull(source, "source");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a MappingFormatException needs at least one problem");
        }
        return "mapping table " + source + " cannot be read: " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    /**
     * What was read: the file name, or the format name when reading from a {@link java.io.Reader}.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * Every problem found, in file order.
     *
     * @return an unmodifiable, non-empty list
     */
    public List<Problem> problems() {
        return problems;
    }
}
