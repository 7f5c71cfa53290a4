package org.mesoslogstash.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mesoslogstash.scheduler.framework.InvalidOptionException;

class ApiUsersTest {

    @Test
    void entriesAreNameRoleAndEncodedPassword() {
        assertThat(ApiUsers.parse(List.of("alice:operator:{bcrypt}$2a$10$abc", " bob:Viewer:{noop}pw:with:colons ", "")))
                .containsExactly(new ApiUser("alice", Role.OPERATOR, "{bcrypt}$2a$10$abc"), new ApiUser("bob", Role.VIEWER, "{noop}pw:with:colons"));
    }

    @Test
    void anUnknownRoleNamesTheEntryButNotThePassword() {
        assertThatThrownBy(() -> ApiUsers.parse(List.of("alice:admin:{noop}secret"))).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("MESOS_LOGSTASH_USERS").hasMessageContaining("'alice:admin:***'").hasMessageContaining("neither viewer nor operator")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aPasswordWithoutItsEncodingIsRefused() {
        assertThatThrownBy(() -> ApiUsers.parse(List.of("alice:operator:hunter2"))).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("{bcrypt}").hasMessageNotContaining("hunter2");
    }

    @Test
    void missingPartsAndDuplicatesAreRefused() {
        assertThatThrownBy(() -> ApiUsers.parse(List.of("alice:operator"))).hasMessageContaining("expected name:role:password");
        assertThatThrownBy(() -> ApiUsers.parse(List.of("a:viewer:{noop}x", "a:operator:{noop}y"))).hasMessageContaining("named twice");
        assertThatThrownBy(() -> ApiUsers.parse(List.of("bad name:viewer:{noop}x"))).hasMessageContaining("user name");
    }
}
