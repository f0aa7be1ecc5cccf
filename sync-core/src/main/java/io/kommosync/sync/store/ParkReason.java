package io.kommosync.sync.store;

/** Why a job is parked, which decides what resumes it. */
public enum ParkReason {
    /** A product on the deal has no row in the mapping table; resumed when the table changes. */
    UNMAPPED_PRODUCT,
    /** The connection's credentials need re-authorisation; resumed when the connection is re-authorised. */
    CONNECTION_PAUSED,
    /** A vendor's daily quota is spent; resumed when the quota window resets. */
    QUOTA_EXHAUSTED
}
