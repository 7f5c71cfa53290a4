package org.mesoslogstash.scheduler.security;

import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The {@code admin} operator of a scheduler started without users. At the first start its password is
 * generated, only its bcrypt hash stored, and the password logged once at WARN (the only place it ever
 * appears); later starts reuse the stored hash. Deleting the stored node makes the next start generate
 * a new one.
 */
public final class GeneratedAdmin {

    public static final String NAME = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedAdmin.class);

    private GeneratedAdmin() {
    }

    /**
     * @param random  a cryptographically strong generator in production ({@code new SecureRandom()})
     * @param encoder encodes the password with its prefix ({@code {bcrypt}...})
     */
    public static ApiUser obtain(AdminPasswordStore store, RandomGenerator random, PasswordEncoder encoder) {
        Objects.requireNonNull(store, "store");
        var stored = store.load();
        if (stored.isPresent()) {
            LOG.info("No users configured (MESOS_LOGSTASH_USERS): the operator '{}' uses the password generated at the first start "
                    + "(its hash is in {}; delete that node to generate a new one at the next start)", NAME, store);
            return new ApiUser(NAME, Role.OPERATOR, stored.get());
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        String encoded = encoder.encode(password);
        if (!store.storeIfAbsent(encoded)) { // another scheduler was first: its password counts
            return new ApiUser(NAME, Role.OPERATOR, store.load().orElseThrow(() -> new IllegalStateException(store + " vanished")));
        }
        LOG.warn("No users configured (MESOS_LOGSTASH_USERS): log in as user '{}' with password '{}' (operator). "
                + "This is shown only now; its bcrypt hash is kept in {}. Configure MESOS_LOGSTASH_USERS to replace it.", NAME, password, store);
        return new ApiUser(NAME, Role.OPERATOR, encoded);
    }
}
