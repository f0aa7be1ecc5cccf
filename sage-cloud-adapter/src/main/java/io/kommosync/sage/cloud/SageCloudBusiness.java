package io.kommosync.sage.cloud;

import java.util.Objects;

/**
 * A Sage business the authorised user can reach, as {@code GET /businesses} lists it.
 *
 * @param id   Sage's id of the business, the value of the {@code X-Business} header and of the
 *             {@value SageCloudConfig#BUSINESS_ID} configuration key
 * @param name the business name
 */
public record SageCloudBusiness(String id, String name) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if any component is {@code null}
     */
    public SageCloudBusiness {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
