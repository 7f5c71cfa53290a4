package org.mesoslogstash.onemachine.scheduler;

import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Who logs in to the scheduler's UI and API, and the {@code MESOS_LOGSTASH_USERS} value that makes it so.
 * Without users given, an operator {@code admin} with a password generated for this run: the
 * scheduler gets only its bcrypt hash, the password is shown to the user once.
 *
 * @param user     the user to show (the first one given, or {@code admin})
 * @param password the password to show; empty when the user gave it and it is theirs to know
 * @param users    the value of {@code MESOS_LOGSTASH_USERS}
 */
public record Login(String user, Optional<String> password, String users) {

    public static final String ADMIN = "admin";

    /** A generated admin; {@code random} must be cryptographically strong outside tests. */
    public static Login generated(RandomGenerator random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        String hash = new BCryptPasswordEncoder().encode(password);
        return new Login(ADMIN, Optional.of(password), ADMIN + ":operator:{bcrypt}" + hash);
    }

    /** The users the user gave ({@code name:role:password,...}); the first one is shown. */
    public static Login given(String users) {
        String first = users.split(",", -1)[0];
        int colon = first.indexOf(':');
        return new Login(colon < 0 ? first : first.substring(0, colon), Optional.empty(), users);
    }

    /** The password to use from an HTTP client: known only for a generated admin, or a {@code {noop}} one given. */
    public Optional<String> clientPassword() {
        if (password.isPresent()) {
            return password;
        }
        String first = users.split(",", -1)[0];
        String[] parts = first.split(":", 3);
        if (parts.length == 3 && parts[2].startsWith("{noop}")) {
            return Optional.of(parts[2].substring("{noop}".length()));
        }
        return Optional.empty();
    }
}
