package org.mesoslogstash.executor.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mesoslogstash.executor.sink.elasticsearch.BulkResponse.Outcome;

class ElasticsearchBulkResponseTest {

    private static BulkResponse parse(String json, int expected) {
        return BulkResponse.parse(json.getBytes(StandardCharsets.UTF_8), expected);
    }

    @Test
    void readsEachItemsStatusAndError() {
        BulkResponse response = parse("""
                {"errors":true,"items":[
                  {"create":{"status":201}},
                  {"create":{"status":409,"error":{"type":"version_conflict_engine_exception","reason":"exists"}}},
                  {"create":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}},
                  {"create":{"status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse",
                    "caused_by":{"type":"illegal_argument_exception","reason":"bad date"}}}}]}""", 4);

        assertThat(response.items()).extracting(BulkResponse.Item::outcome)
                .containsExactly(Outcome.CREATED, Outcome.ALREADY_PRESENT, Outcome.RETRY, Outcome.DEAD_LETTER);
        assertThat(response.items().get(3).reason()).isEqualTo("failed to parse (caused by illegal_argument_exception: bad date)");
        assertThat(response.items().get(2).errorType()).isEqualTo("es_rejected_execution_exception");
    }

    @Test
    void onlyErrorsThatRetryingCannotCureAreDeadLettered() {
        assertThat(BulkResponse.classify(200)).isEqualTo(Outcome.CREATED);
        assertThat(BulkResponse.classify(400)).isEqualTo(Outcome.DEAD_LETTER);
        assertThat(BulkResponse.classify(404)).isEqualTo(Outcome.DEAD_LETTER);
        for (int status : new int[] {401, 403, 408, 429, 500, 502, 503, 504}) {
            assertThat(BulkResponse.classify(status)).as("status " + status).isEqualTo(Outcome.RETRY);
        }
    }

    @Test
    void anAnswerThatDoesNotMatchTheRequestIsRejected() {
        assertThatThrownBy(() -> parse("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}", 2))
                .isInstanceOf(BulkResponse.MalformedResponseException.class).hasMessageContaining("1 items answered for 2 sent");
        assertThatThrownBy(() -> parse("<html>proxy error</html>", 1)).isInstanceOf(BulkResponse.MalformedResponseException.class);
        assertThatThrownBy(() -> parse("{\"took\":1}", 1)).hasMessageContaining("no \"items\"");
        assertThatThrownBy(() -> parse("{\"items\":[{\"create\":{}}]}", 1)).hasMessageContaining("without a status");
    }
}
