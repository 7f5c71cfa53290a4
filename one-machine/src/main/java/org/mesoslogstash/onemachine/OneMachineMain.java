package org.mesoslogstash.onemachine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.mesoslogstash.onemachine.options.OptionError;
import org.mesoslogstash.onemachine.options.Options;
import org.mesoslogstash.onemachine.options.OptionsParser;

/**
 * {@code bin/mesos-logstash}: reads the options (exit code 2 with a message naming a bad one, 0 after
 * {@code --help}), points the log file at the data directory, then runs {@link OneMachine} until
 * SIGTERM or SIGINT stops it.
 */
public final class OneMachineMain {

    private OneMachineMain() {
    }

    public static void main(String[] args) {
        OptionsParser parser = new OptionsParser(Path.of(System.getProperty("user.home"), ".mesos-logstash"));
        Options options;
        try {
            switch (parser.parse(List.of(args))) {
                case OptionsParser.Help help -> {
                    System.out.print(parser.help());
                    return;
                }
                case OptionsParser.Run run -> options = run.options();
            }
        } catch (OptionError e) {
            System.err.println("mesos-logstash: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path logs = options.data().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            System.err.println("mesos-logstash: --data " + options.data() + ": cannot create " + logs + ": " + e);
            System.exit(2);
            return;
        }
        LogFile.attach(logs);
        int code;
        try {
            code = new OneMachine(options, Installation.current()).run();
        } catch (RuntimeException | Error e) {
            // A bug or a broken installation: never leave the parts started so far running without a main thread.
            System.err.println("mesos-logstash: failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }
}
