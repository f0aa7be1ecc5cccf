package io.kommosync.kommo;

import io.kommosync.kommo.internal.Arguments;
import java.util.Optional;

/**
 * A note on a lead to create ({@link Notes#add(java.util.List)}): a plain {@code common} note, or a
 * {@code service_message} that Kommo shows as coming from an integration.
 *
 * <p>Immutable and thread-safe.
 *
 * @param leadId   the lead
 * @param noteType {@value #COMMON} or {@value #SERVICE_MESSAGE}
 * @param text     the note's text
 * @param service  for service messages: the integration's name shown in Kommo; empty otherwise
 */
public record NewNote(long leadId, String noteType, String text, Optional<String> service) {

    /** Note type of a plain note. */
    public static final String COMMON = "common";
    /** Note type of a message from an integration. */
    public static final String SERVICE_MESSAGE = "service_message";

    /**
     * Validates the components.
     *
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when the lead id is not positive, the text blank, the type unknown, or a
     *     service message has no service
     */
    public NewNote {
        Arguments.id(leadId, "leadId");
        Arguments.notNull(noteType, "noteType", "use NewNote.common(...) or NewNote.serviceMessage(...)");
        Arguments.notBlank(text, "text", "write the note's text");
        Arguments.optional(service, "service");
        if (noteType.equals(COMMON)) {
            if (service.isPresent()) {
                throw new IllegalArgumentException("a common note has no service: use NewNote.serviceMessage(...)");
            }
        } else if (noteType.equals(SERVICE_MESSAGE)) {
            Arguments.notBlank(service.orElse(""), "service", "name the integration shown as the note's sender");
        } else {
            throw new IllegalArgumentException("noteType must be '" + COMMON + "' or '" + SERVICE_MESSAGE
                + "' but was '" + noteType + "': use NewNote.common(...) or NewNote.serviceMessage(...)");
        }
    }

    /**
     * Creates a plain note.
     *
     * @param leadId the lead
     * @param text   the text
     * @return the note
     */
    public static NewNote common(long leadId, String text) {
        return new NewNote(leadId, COMMON, text, Optional.empty());
    }

    /**
     * Creates a note shown as a message from an integration.
     *
     * @param leadId  the lead
     * @param service the integration's name, such as {@code kommo-sync}
     * @param text    the text
     * @return the note
     */
    public static NewNote serviceMessage(long leadId, String service, String text) {
        return new NewNote(leadId, SERVICE_MESSAGE, text, Optional.of(Arguments.notNull(service, "service",
            "name the integration shown as the note's sender")));
    }
}
