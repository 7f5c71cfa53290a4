package org.mesoslogstash.onemachine;

import java.nio.file.Path;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;

/**
 * Sends every log event (INFO and above, of every library) to {@code one-machine.log} in the logs
 * directory. Added in code because the directory is known only after the options are read, and
 * because the store's JVM, which shares this classpath and so {@code logback.xml}, must not write it.
 */
final class LogFile {

    private LogFile() {
    }

    static void attach(Path logs) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(logs.resolve("one-machine.log").toString());
        file.setEncoder(encoder);
        file.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file);
    }
}
