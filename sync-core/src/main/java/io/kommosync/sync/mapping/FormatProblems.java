package io.kommosync.sync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects every problem of one mapping file, then throws them together. */
final class FormatProblems {

    private final List<MappingFormatException.Problem> problems = new ArrayList<>();

    void add(int line, String column, String message, String fix) {
        problems.add(new MappingFormatException.Problem(Math.max(line, 0), Optional.ofNullable(column), message, fix));
    }

    int count() {
        return problems.size();
    }

    void throwIfAny(String source) {
        if (!problems.isEmpty()) {
            throw new MappingFormatException(source, problems);
        }
    }
}
