package io.kommosync.kommo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kommosync.kommo.internal.Arguments;
import io.kommosync.kommo.internal.KommoCalls;
import io.kommosync.kommo.internal.KommoReader;
import io.kommosync.kommo.internal.KommoWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Tasks on leads, for example "map product WEB-1 to a ledger account so the invoice can be raised". Get it from
 * {@link KommoClient#tasks()}.
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there.
 */
public final class Tasks {

    /** Most tasks created per request. */
    public static final int MAX_BATCH = 50;

    private final KommoCalls calls;

    Tasks(KommoCalls calls) {
        this.calls = calls;
    }

    /**
     * Creates tasks: {@code POST /api/v4/tasks}, at most {@value #MAX_BATCH} per request. Not retried in-call once
     * Kommo may have processed the request (a retry could duplicate the task).
     *
     * @param tasks the tasks
     * @return their ids, in the order given
     */
    public List<Long> create(List<NewTask> tasks) {
        List<NewTask> list = Arguments.list(tasks, "tasks");
        List<Long> ids = new ArrayList<>(list.size());
        for (int start = 0; start < list.size(); start += MAX_BATCH) {
            List<NewTask> batch = list.subList(start, Math.min(list.size(), start + MAX_BATCH));
            ArrayNode body = KommoWriter.array();
            for (int i = 0; i < batch.size(); i++) {
                body.add(KommoWriter.newTask(batch.get(i), Integer.toString(i)));
            }
            JsonNode answer = calls.create("POST /api/v4/tasks", api -> api.createTasks(body));
            ids.addAll(KommoReader.createdIds(answer, "tasks", batch.size(), "tasks"));
        }
        return ids;
    }
}
