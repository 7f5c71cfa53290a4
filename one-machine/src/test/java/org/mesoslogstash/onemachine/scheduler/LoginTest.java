package org.mesoslogstash.onemachine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class LoginTest {

    @Test
    void aGeneratedAdminReachesTheSchedulerAsABcryptHashOnly() {
        Login login = Login.generated(new Random(7));

        String password = login.password().orElseThrow();
        assertThat(login.user()).isEqualTo("admin");
        assertThat(password).hasSize(36).matches("[0-9a-f]+");
        assertThat(login.users()).startsWith("admin:operator:{bcrypt}$2a$").doesNotContain(password);
        assertThat(new BCryptPasswordEncoder().matches(password, login.users().substring("admin:operator:{bcrypt}".length()))).isTrue();
        assertThat(login.clientPassword()).contains(password);
    }

    @Test
    void givenUsersShowTheFirstOneAndNoPassword() {
        Login login = Login.given("alice:operator:{bcrypt}$2a$10$abc,bob:viewer:{noop}x");

        assertThat(login.user()).isEqualTo("alice");
        assertThat(login.password()).isEmpty();
        assertThat(login.users()).isEqualTo("alice:operator:{bcrypt}$2a$10$abc,bob:viewer:{noop}x");
        assertThat(login.clientPassword()).isEmpty();
    }

    @Test
    void aPlainPasswordGivenFirstCanBeUsedForTheTeardown() {
        assertThat(Login.given("ops:operator:{noop}pa:ss").clientPassword()).isEqualTo(Optional.of("pa:ss"));
    }
}
