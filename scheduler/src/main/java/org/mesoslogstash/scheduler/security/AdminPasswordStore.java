package org.mesoslogstash.scheduler.security;

import java.util.Optional;

/** Where the generated admin's password hash is kept, so that later starts reuse it. */
public interface AdminPasswordStore {

    /** The stored hash ({@code {bcrypt}...}), if any. */
    Optional<String> load();

    /**
     * Stores the hash unless one is stored already (another scheduler may have been first).
     *
     * @return whether this one was stored
     */
    boolean storeIfAbsent(String encodedPassword);
}
