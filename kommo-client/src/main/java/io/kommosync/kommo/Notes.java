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
 * Notes on leads, for example "Synced to Xero as INV-0042". Get it from {@link KommoClient#notes()}.
 *
 * <p>Thread-safe. Every method may throw the {@link KommoException} subclasses described there.
 */
public final class Notes {

    /** Most notes created per request. */
    public static final int MAX_BATCH = 50;

    private final KommoCalls calls;

    Notes(KommoCalls calls) {
        this.calls = calls;
    }

    /**
     * Adds a plain ({@code common}) note to a lead: {@code POST /api/v4/leads/{id}/notes}.
     *
     * @param leadId the lead
     * @param text   the note's text
     * @return the note's id
     */
    public long addToLead(long leadId, String text) {
        NewNote note = NewNote.common(leadId, text);
        ArrayNode body = KommoWriter.array().add(KommoWriter.newNote(note, false, "0"));
        JsonNode answer = calls.create("POST /api/v4/leads/" + leadId + "/notes",
            api -> api.createLeadNotes(leadId, body));
        return KommoReader.createdIds(answer, "notes", 1, "a note").get(0);
    }

    /**
     * Adds notes to leads: {@code POST /api/v4/leads/notes}, at most {@value #MAX_BATCH} per request.
     *
     * @param notes the notes
     * @return their ids, in the order given
     */
    public List<Long> add(List<NewNote> notes) {
        List<NewNote> list = Arguments.list(notes, "notes");
        List<Long> ids = new ArrayList<>(list.size());
        for (int start = 0; start < list.size(); start += MAX_BATCH) {
            List<NewNote> batch = list.subList(start, Math.min(list.size(), start + MAX_BATCH));
            ArrayNode body = KommoWriter.array();
            for (int i = 0; i < batch.size(); i++) {
                body.add(KommoWriter.newNote(batch.get(i), true, Integer.toString(i)));
            }
            JsonNode answer = calls.create("POST /api/v4/leads/notes", api -> api.createNotes(body));
            ids.addAll(KommoReader.createdIds(answer, "notes", batch.size(), "notes"));
        }
        return ids;
    }
}
