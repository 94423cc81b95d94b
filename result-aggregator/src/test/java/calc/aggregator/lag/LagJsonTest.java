package calc.aggregator.lag;

import static org.assertj.core.api.Assertions.assertThat;

import calc.contract.CalcJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pins a partition's JSON in {@code GET /api/lag} to docs/schemas/lag.schema.json. */
class LagJsonTest {

    @Test
    void aPartitionWithoutACommittedOffsetNamesItsPositionAsKafkaSpellsTheOffsetReset() throws Exception {
        // Given a partition the group never committed, counted from the log start
        PartitionLag partition = new PartitionLag("t", 0, null, LagPosition.EARLIEST, 40, 100, 60, 30.0, LagStatus.OK,
                "g-worker-1", "v3");

        // When it is written as JSON
        JsonNode json = CalcJson.mapper().readTree(CalcJson.toBytes(partition));

        // Then it has exactly the fields the schema requires, with the position in lower case
        JsonNode schema = CalcJson.mapper().readTree(Files.readString(Path.of("..", "docs", "schemas", "lag.schema.json")))
                .at("/$defs/group/properties/partitions/items");
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(field -> required.add(field.asString()));
        assertThat(json.propertyNames()).containsExactlyInAnyOrderElementsOf(required);
        assertThat(json).isEqualTo(CalcJson.mapper().readTree("""
                {"topic": "t", "partition": 0, "committedOffset": null, "position": "earliest", "positionOffset": 40,
                 "endOffset": 100, "lag": 60, "lagSeconds": 30.0, "status": "OK", "owner": "g-worker-1",
                 "ownerVersion": "v3"}"""));
    }
}
