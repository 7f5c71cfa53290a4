package org.mesoslogstash.scheduler.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.mesoslogstash.scheduler.framework.InvalidOptionException;

/**
 * Reads the users option (MESOS_LOGSTASH_USERS): comma-separated {@code name:role:password} entries,
 * role {@code viewer} or {@code operator}, the password with its encoding prefix ({@code {bcrypt}...}
 * or {@code {noop}...}); the password is what follows the second colon, so it may contain colons, but
 * not commas.
 */
public final class ApiUsers {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern ENCODED = Pattern.compile("\\{(bcrypt|noop|argon2@SpringSecurity_v5_8|pbkdf2@SpringSecurity_v5_8|scrypt@SpringSecurity_v5_8|"
            + "argon2|pbkdf2|scrypt|sha256)\\}.+");

    private ApiUsers() {
    }

    /** @throws InvalidOptionException naming the entry (never its password) and what would be accepted */
    public static List<ApiUser> parse(List<String> entries) {
        List<ApiUser> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String[] parts = entry.strip().split(":", 3);
            String shown = parts[0] + (parts.length > 1 ? ":" + parts[1] : "") + ":***";
            if (parts.length < 3) {
                throw invalid(shown, "expected name:role:password, e.g. alice:operator:{bcrypt}$2a$10$...");
            }
            if (!NAME.matcher(parts[0]).matches()) {
                throw invalid(shown, "a user name is 1 to 64 of A-Z, a-z, 0-9, '.', '_', '@', '-'");
            }
            Role role;
            try {
                role = Role.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(shown, "the role '" + parts[1] + "' is neither viewer nor operator");
            }
            if (!ENCODED.matcher(parts[2]).matches()) {
                throw invalid(shown, "the password needs its encoding as prefix: {bcrypt}<hash> (htpasswd -nbBC 10 '' pw | cut -c2-) or {noop}<plain>");
            }
            if (!names.add(parts[0])) {
                throw invalid(shown, "the user " + parts[0] + " is named twice");
            }
            users.add(new ApiUser(parts[0], role, parts[2]));
        }
        return List.copyOf(users);
    }

    private static InvalidOptionException invalid(String entry, String accepted) {
        return new InvalidOptionException("Invalid option mesos.logstash.users (MESOS_LOGSTASH_USERS) = '" + entry + "': " + accepted);
    }
}
