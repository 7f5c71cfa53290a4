package org.mesoslogstash.executor.logstash;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A LOGSTASH_HOME for tests: {@code bin/logstash} is a shell script that execs {@link StandInLogstash}
 * on this test JVM's Java (as Logstash's own script execs its JVM, so signals reach it), with
 * {@code LS_JAVA_OPTS}; {@code config/} holds a jvm.options and a log4j2.properties to be copied.
 */
public final class StandInLogstashHome {

    private StandInLogstashHome() {
    }

    public static Path create(Path dir) throws IOException {
        Path home = dir.resolve("logstash-home");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("config"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String script = "#!/bin/sh\n"
                + "# A stand-in for Logstash's bin/logstash, written by StandInLogstashHome.\n"
                + "exec '" + java + "' $LS_JAVA_OPTS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '" + testClasses() + "' "
                + StandInLogstash.class.getName() + " \"$@\"\n";
        Path bin = home.resolve("bin").resolve("logstash");
        Files.writeString(bin, script);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("config").resolve("jvm.options"), "-Xss2m\n-Djava.awt.headless=true\n");
        Files.writeString(home.resolve("config").resolve("log4j2.properties"), "status = error\nname = LogstashPropertiesConfig\n");
        return home;
    }

    /** A port nothing listens on now, for a stand-in's API. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(StandInLogstash.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
