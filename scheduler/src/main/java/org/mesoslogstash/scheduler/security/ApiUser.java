package org.mesoslogstash.scheduler.security;

import java.util.Objects;

/**
 * A user of the HTTP interface: name, role, and the password as Spring Security stores it, with its
 * encoding as prefix: {@code {bcrypt}$2a$10$...} (recommended) or {@code {noop}plain}.
 */
public record ApiUser(String name, Role role, String encodedPassword) {

    public ApiUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(encodedPassword, "encodedPassword");
    }

    @Override
    public String toString() {
        return "ApiUser[" + name + ", " + role.optionName() + "]"; // never the password
    }
}
