package calc.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an existing topic's configs up to what the contract creates it with (the dead-letter
 * topic's record limit): a topic made before, or by someone else, may take less. Only raises a
 * numeric limit, never lowers one. A user who may not alter configs is told how to, by an admin.
 */
final class TopicConfigs {
    private static final Logger log = LoggerFactory.getLogger(TopicConfigs.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicConfigs() {
    }

    static void raise(Admin admin, List<Topic<?>> existing) throws InterruptedException, TimeoutException {
        for (Topic<?> topic : existing) {
            if (topic.configs().isEmpty()) {
                continue;
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            try {
                Config current = admin.describeConfigs(List.of(resource)).all()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
                List<AlterConfigOp> raises = topic.configs().entrySet().stream()
                        .filter(wanted -> isBelow(current.get(wanted.getKey()), wanted.getValue()))
                        .map(wanted -> new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()),
                                AlterConfigOp.OpType.SET))
                        .toList();
                if (!raises.isEmpty()) {
                    admin.incrementalAlterConfigs(Map.of(resource, raises)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    log.info("Raised the configs of topic {} to {}", topic.name(), topic.configs());
                }
            } catch (ExecutionException e) {
                log.warn("Cannot check or raise the configs of topic {} ({}): a record larger than it takes would stall "
                        + "the worker that must write it. An admin can: ./calc kafka configs --alter --entity-type "
                        + "topics --entity-name {} --add-config {}", topic.name(), e.getCause().toString(), topic.name(),
                        String.join(",", topic.configs().entrySet().stream()
                                .map(c -> c.getKey() + "=" + c.getValue()).toList()));
            }
        }
    }

    private static boolean isBelow(ConfigEntry current, String wanted) {
        if (current == null || current.value() == null) {
            return true;
        }
        try {
            return Long.parseLong(current.value()) < Long.parseLong(wanted);
        } catch (NumberFormatException e) {
            return !current.value().equals(wanted);
        }
    }
}
