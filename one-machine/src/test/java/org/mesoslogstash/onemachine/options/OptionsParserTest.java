package org.mesoslogstash.onemachine.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsParserTest {

    private static final Path HOME_DATA = Path.of("/home/u/.mesos-logstash");
    private final OptionsParser parser = new OptionsParser(HOME_DATA);

    private Options run(String... args) throws OptionError {
        return ((OptionsParser.Run) parser.parse(List.of(args))).options();
    }

    @Test
    void withoutOptionsEverythingHasItsDefault() throws OptionError {
        Options options = run();

        assertThat(options).isEqualTo(new Options(8480, "127.0.0.1", HOME_DATA, List.of(), true, Optional.empty(), 9200, "512m",
                Optional.empty()));
        assertThat(options.embeddedStore()).isTrue();
    }

    @Test
    void valuesComeAfterTheOptionOrAfterAnEqualsSign(@TempDir Path dir) throws OptionError {
        Options options = run("--port", "9000", "--bind=0.0.0.0", "--data", dir.toString(), "--configurations=" + dir,
                "--elasticsearch", "https://u:p@es.example:9243", "--store-port", "9300", "--store-heap", "1g", "--users", "a:operator:{noop}x",
                "--no-examples");

        assertThat(options).isEqualTo(new Options(9000, "0.0.0.0", dir, List.of(dir), false, Optional.of(URI.create("https://u:p@es.example:9243")),
                9300, "1g", Optional.of("a:operator:{noop}x")));
        assertThat(options.embeddedStore()).isFalse();
    }

    @Test
    void helpIsAskedForWithHelpOrH() throws OptionError {
        assertThat(parser.parse(List.of("--port", "1", "--help"))).isInstanceOf(OptionsParser.Help.class);
        assertThat(parser.parse(List.of("-h"))).isInstanceOf(OptionsParser.Help.class);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = parser.help();

        for (String option : List.of("--port <port>", "--bind", "--data", "--configurations", "--no-examples", "--elasticsearch",
                "--store-port", "--store-heap", "--users", "--help")) {
            assertThat(help).contains(option);
        }
        assertThat(help).contains("[8480]", "[127.0.0.1]", "[" + HOME_DATA + "]", "[9200]", "[512m]");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> run("--prot", "1")).isInstanceOf(OptionError.class).hasMessage("unknown option --prot; see --help for the options");
    }

    @Test
    void aBadPortNamesTheOptionAndTheValue() {
        assertThatThrownBy(() -> run("--store-port", "70000")).hasMessage("--store-port '70000': expected a TCP port, 1 to 65535");
        assertThatThrownBy(() -> run("--port=http")).hasMessage("--port 'http': expected a TCP port, 1 to 65535");
    }

    @Test
    void anOptionWithoutItsValueIsAnError() {
        assertThatThrownBy(() -> run("--data")).hasMessage("--data needs a value; see --help");
    }

    @Test
    void aConfigurationDirectoryMustExist() {
        assertThatThrownBy(() -> run("--configurations", "/no/such/dir"))
                .hasMessage("--configurations '/no/such/dir': not a directory (expected a directory of <name>.conf files)");
    }

    @Test
    void elasticsearchMustBeAnHttpUrl() {
        assertThatThrownBy(() -> run("--elasticsearch", "es.example:9200"))
                .hasMessageStartingWith("--elasticsearch 'es.example:9200': expected an http:// or https:// URL");
        assertThatThrownBy(() -> run("--elasticsearch", "http://es.example:9200/?pretty")).hasMessageContaining("a query or fragment is not allowed");
    }

    @Test
    void theHeapIsAJvmSize() {
        assertThatThrownBy(() -> run("--store-heap", "512")).hasMessage("--store-heap '512': expected a JVM heap size such as 512m or 1g");
    }

    @Test
    void theStoreAndTheUiCannotShareAPort() {
        assertThatThrownBy(() -> run("--port", "9200")).hasMessage("--store-port 9200 is also the UI's --port: give them different ports");
    }

    @Test
    void withoutExamplesSomeConfigurationsAreNeeded() {
        assertThatThrownBy(() -> run("--no-examples")).hasMessageStartingWith("--no-examples leaves no configuration");
    }

    @Test
    void aPositionalArgumentIsAnError() {
        assertThatThrownBy(() -> run("examples")).hasMessage("unexpected argument 'examples': options start with --; see --help");
    }
}
