package org.mesoslogstash.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration-reference.md against the code: the scheduler table lists exactly the options the
 * scheduler binds, each under its one environment variable and property, with the default the code
 * has. A new option, a renamed one or a changed default fails here until the page says so.
 */
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("..", "docs", "configuration-reference.md");

    /** A row of the table: environment variable, property, default, accepted values, meaning. */
    record Row(String variable, String property, String defaultValue, String accepted, String meaning) {
    }

    /** The rows of the table in the section that starts with {@code heading}, keyed by variable. */
    static Map<String, Row> table(String heading) throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int start = lines.indexOf(heading);
        assertThat(start).as("%s has a section %s", REFERENCE, heading).isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.strip());
            }
            assertThat(cells).as("row %s", line).hasSize(5);
            Row row = new Row(unquote(cells.get(0)), unquote(cells.get(1)), cells.get(2), cells.get(3), cells.get(4));
            assertThat(rows.put(row.variable(), row)).as("%s is documented once", row.variable()).isNull();
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }

    @Test
    void theSchedulerTableListsEveryOptionAndNothingElse() throws IOException {
        assertThat(table("## Scheduler").keySet())
                .containsExactlyInAnyOrderElementsOf(SchedulerOption.all().stream().map(SchedulerOption::environmentVariable).toList());
    }

    @Test
    void eachOptionIsDocumentedUnderItsPropertyWithTheDefaultOfTheCode() throws IOException {
        Map<String, Row> rows = table("## Scheduler");
        for (SchedulerOption option : SchedulerOption.all()) {
            Row row = rows.get(option.environmentVariable());
            assertThat(row).as("row of %s", option.environmentVariable()).isNotNull();
            assertThat(row.property()).as("property of %s", option.environmentVariable()).isEqualTo(option.property());
            String documented = row.defaultValue();
            if (option.defaultValue().isEmpty()) {
                assertThat(documented).as("default of %s, which has none in the code", option.property())
                        .matches("required|none(: .*)?");
            } else if (option.defaultValue().get().isEmpty()) {
                assertThat(documented).as("default of %s, an empty list in the code", option.property()).isEqualTo("none");
            } else {
                assertThat(documented).as("default of %s", option.property()).isEqualTo("`" + option.defaultValue().get() + "`");
            }
            assertThat(row.accepted()).as("accepted values of %s", option.property()).isNotBlank();
            assertThat(row.meaning()).as("meaning of %s", option.property()).isNotBlank();
        }
    }

    @Test
    void requiredOptionsAreTheOnesValidationRequires() throws IOException {
        assertThat(table("## Scheduler").values().stream().filter(r -> r.defaultValue().equals("required")).map(Row::variable))
                .containsExactlyInAnyOrder("MESOS_LOGSTASH_MASTER", "MESOS_LOGSTASH_COLLECTOR_CONFIG");
    }

    @Test
    void theHttpPortComesFromPort0AsTheReferenceSays() throws IOException {
        Properties application = new Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        assertThat(application.getProperty(SchedulerOption.SERVER_PORT.property()))
                .isEqualTo("${" + SchedulerOption.SERVER_PORT.environmentVariable() + ":" + SchedulerOption.SERVER_PORT.defaultValue().orElseThrow() + "}");
    }
}
