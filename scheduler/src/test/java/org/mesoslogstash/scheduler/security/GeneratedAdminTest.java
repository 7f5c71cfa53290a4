package org.mesoslogstash.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

class GeneratedAdminTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(GeneratedAdmin.class);

    /** A store in memory, as ZooKeeper would keep the node. */
    private static class MemoryStore implements AdminPasswordStore {
        Optional<String> stored = Optional.empty();

        @Override
        public Optional<String> load() {
            return stored;
        }

        @Override
        public boolean storeIfAbsent(String encodedPassword) {
            if (stored.isPresent()) {
                return false;
            }
            stored = Optional.of(encodedPassword);
            return true;
        }
    }

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void theFirstStartGeneratesAPasswordStoresOnlyItsHashAndLogsItOnceAtWarn() {
        MemoryStore store = new MemoryStore();

        ApiUser admin = GeneratedAdmin.obtain(store, new Random(7), encoder);

        List<ILoggingEvent> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        String password = (String) warnings.getFirst().getArgumentArray()[1];
        assertThat(password).hasSize(36);
        assertThat(warnings.getFirst().getFormattedMessage()).contains("'admin'").contains(password);
        assertThat(admin.name()).isEqualTo("admin");
        assertThat(admin.role()).isEqualTo(Role.OPERATOR);
        assertThat(store.stored).contains(admin.encodedPassword());
        assertThat(admin.encodedPassword()).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(encoder.matches(password, admin.encodedPassword())).isTrue();
    }

    @Test
    void laterStartsReuseTheStoredHashAndLogNoPassword() {
        MemoryStore store = new MemoryStore();
        ApiUser first = GeneratedAdmin.obtain(store, new Random(7), encoder);
        logged.list.clear();

        ApiUser again = GeneratedAdmin.obtain(store, new Random(8), encoder);

        assertThat(again).isEqualTo(first);
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void whenAnotherSchedulerStoredOneFirstItsHashCounts() {
        MemoryStore store = new MemoryStore() {
            @Override
            public Optional<String> load() {
                Optional<String> now = stored;
                stored = Optional.of("{bcrypt}theirs"); // stored by the other one between our load and our create
                return now;
            }
        };

        ApiUser admin = GeneratedAdmin.obtain(store, new Random(7), encoder);

        assertThat(admin.encodedPassword()).isEqualTo("{bcrypt}theirs");
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }
}
