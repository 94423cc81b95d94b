package calc.worker;

import calc.contract.MemberName;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one worker instance (prefix {@code calc.worker}).
 *
 * @param instanceId unique per running instance; names the instance in results, dead letters
 *     and the group; also its transactional.id, so a restarted instance fences its own zombie.
 *     Default: the service name and a random suffix.
 * @param version the version label every result carries (v1, v2, 1.4.0, ...: letters, digits, '.', '_')
 * @param group the consumer group; default the service name, shared by every version
 * @param pollTimeout the longest one poll waits for records
 * @param transactionTimeout how long the broker lets a transaction of a dead instance stay open
 *     before aborting it; short, so a crash delays downstream read_committed readers little. A
 *     transaction takes no more records once it has run for half of it, so slow requests (v2
 *     with a large b) never make the broker abort a live transaction
 * @param maxPollRecords the most request records answered in one transaction
 * @param delivery exactly-once (default: answers and offsets in one transaction) or at-least-once
 *     (answers acknowledged, then offsets committed; faster, and a failure repeats answers)
 */
@ConfigurationProperties("calc.worker")
public record WorkerProperties(
        String instanceId,
        @DefaultValue("v1") String version,
        String group,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("10s") Duration transactionTimeout,
        @DefaultValue("500") int maxPollRecords,
        @DefaultValue("exactly-once") Delivery delivery) {

    public WorkerProperties {
        MemberName.requireValidVersion(version);
    }

    String instanceIdOr(String service) {
        return instanceId != null && !instanceId.isBlank()
                ? instanceId
                : service + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String groupOr(String service) {
        return group != null && !group.isBlank() ? group : service;
    }
}
