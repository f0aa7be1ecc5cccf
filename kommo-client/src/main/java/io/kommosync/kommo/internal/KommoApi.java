package io.kommosync.kommo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import java.util.Map;

/**
 * The Kommo API v4 endpoints the client uses, as a Feign interface. Responses stay {@link JsonNode}s and are read by
 * {@link KommoReader}, because Kommo's shapes vary (numbers as strings, {@code null} lists, values of any type); a
 * 204 No Content decodes to {@code null}. Query maps hold a {@code String} or a {@code List<String>} per key
 * (repeated keys such as {@code filter[id][]}).
 *
 * <p>Not part of the public API.
 */
@Headers("Accept: application/hal+json, application/problem+json, application/json")
public interface KommoApi {

    /**
     * {@code GET /api/v4/account}.
     *
     * @return the account
     */
    @RequestLine("GET /api/v4/account")
    JsonNode account();

    /**
     * {@code GET /api/v4/leads/{id}}.
     *
     * @param id    the lead
     * @param query {@code with}
     * @return the lead, or null for 204
     */
    @RequestLine("GET /api/v4/leads/{id}")
    JsonNode lead(@Param("id") long id, @QueryMap Map<String, Object> query);

    /**
     * {@code GET /api/v4/leads}.
     *
     * @param query filters, {@code with}, {@code limit}, {@code page}
     * @return a page, or null for 204
     */
    @RequestLine("GET /api/v4/leads")
    JsonNode leads(@QueryMap Map<String, Object> query);

    /**
     * {@code POST /api/v4/leads}.
     *
     * @param body array of leads
     * @return created ids
     */
    @RequestLine("POST /api/v4/leads")
    @Headers("Content-Type: application/json")
    JsonNode createLeads(JsonNode body);

    /**
     * {@code PATCH /api/v4/leads}.
     *
     * @param body array of patches, each with {@code id}
     * @return updated ids
     */
    @RequestLine("PATCH /api/v4/leads")
    @Headers("Content-Type: application/json")
    JsonNode updateLeads(JsonNode body);

    /**
     * {@code GET /api/v4/leads/{id}/links}.
     *
     * @param id    the lead
     * @param query {@code page}, {@code limit}
     * @return a page of links, or null for 204
     */
    @RequestLine("GET /api/v4/leads/{id}/links")
    JsonNode leadLinks(@Param("id") long id, @QueryMap Map<String, Object> query);

    /**
     * {@code GET /api/v4/leads/pipelines}.
     *
     * @return pipelines with stages
     */
    @RequestLine("GET /api/v4/leads/pipelines")
    JsonNode pipelines();

    /**
     * {@code GET /api/v4/{contacts|companies}/{id}}.
     *
     * @param entity {@code contacts} or {@code companies}
     * @param id     the entity
     * @return the entity, or null for 204
     */
    @RequestLine("GET /api/v4/{entity}/{id}")
    JsonNode party(@Param("entity") String entity, @Param("id") long id);

    /**
     * {@code GET /api/v4/{contacts|companies}}.
     *
     * @param entity {@code contacts} or {@code companies}
     * @param query  {@code filter[id][]}, {@code query}, {@code limit}, {@code page}
     * @return a page, or null for 204
     */
    @RequestLine("GET /api/v4/{entity}")
    JsonNode parties(@Param("entity") String entity, @QueryMap Map<String, Object> query);

    /**
     * {@code POST /api/v4/{contacts|companies}}.
     *
     * @param entity {@code contacts} or {@code companies}
     * @param body   array of entities
     * @return created ids
     */
    @RequestLine("POST /api/v4/{entity}")
    @Headers("Content-Type: application/json")
    JsonNode createParties(@Param("entity") String entity, JsonNode body);

    /**
     * {@code GET /api/v4/catalogs}.
     *
     * @param query {@code limit}, {@code page}
     * @return a page, or null for 204
     */
    @RequestLine("GET /api/v4/catalogs")
    JsonNode catalogs(@QueryMap Map<String, Object> query);

    /**
     * {@code GET /api/v4/catalogs/{id}/elements}.
     *
     * @param catalogId the catalog
     * @param query     {@code filter[id][]}, {@code limit}, {@code page}
     * @return a page, or null for 204
     */
    @RequestLine("GET /api/v4/catalogs/{catalogId}/elements")
    JsonNode catalogElements(@Param("catalogId") long catalogId, @QueryMap Map<String, Object> query);

    /**
     * {@code GET /api/v4/catalogs/{id}/elements/{elementId}}.
     *
     * @param catalogId the catalog
     * @param elementId the element
     * @return the element, or null for 204
     */
    @RequestLine("GET /api/v4/catalogs/{catalogId}/elements/{elementId}")
    JsonNode catalogElement(@Param("catalogId") long catalogId, @Param("elementId") long elementId);

    /**
     * {@code GET /api/v4/leads/custom_fields}.
     *
     * @param query {@code limit}, {@code page}
     * @return a page, or null for 204
     */
    @RequestLine("GET /api/v4/leads/custom_fields")
    JsonNode leadCustomFields(@QueryMap Map<String, Object> query);

    /**
     * {@code POST /api/v4/leads/custom_fields}.
     *
     * @param body array of field definitions
     * @return the created fields
     */
    @RequestLine("POST /api/v4/leads/custom_fields")
    @Headers("Content-Type: application/json")
    JsonNode createLeadCustomFields(JsonNode body);

    /**
     * {@code POST /api/v4/tasks}.
     *
     * @param body array of tasks
     * @return created ids
     */
    @RequestLine("POST /api/v4/tasks")
    @Headers("Content-Type: application/json")
    JsonNode createTasks(JsonNode body);

    /**
     * {@code POST /api/v4/leads/{id}/notes}.
     *
     * @param leadId the lead
     * @param body   array of notes
     * @return created ids
     */
    @RequestLine("POST /api/v4/leads/{id}/notes")
    @Headers("Content-Type: application/json")
    JsonNode createLeadNotes(@Param("id") long leadId, JsonNode body);

    /**
     * {@code POST /api/v4/leads/notes}.
     *
     * @param body array of notes, each with {@code entity_id}
     * @return created ids
     */
    @RequestLine("POST /api/v4/leads/notes")
    @Headers("Content-Type: application/json")
    JsonNode createNotes(JsonNode body);

    /**
     * {@code GET /api/v4/webhooks}.
     *
     * @param query {@code filter[destination]}
     * @return the subscriptions, or null for 204
     */
    @RequestLine("GET /api/v4/webhooks")
    JsonNode webhooks(@QueryMap Map<String, Object> query);

    /**
     * {@code POST /api/v4/webhooks}.
     *
     * @param body {@code destination}, {@code settings}, {@code sort}
     * @return the subscription
     */
    @RequestLine("POST /api/v4/webhooks")
    @Headers("Content-Type: application/json")
    JsonNode subscribe(JsonNode body);

    /**
     * {@code DELETE /api/v4/webhooks} with a body.
     *
     * @param body {@code destination}
     */
    @RequestLine("DELETE /api/v4/webhooks")
    @Headers("Content-Type: application/json")
    void unsubscribe(JsonNode body);
}
