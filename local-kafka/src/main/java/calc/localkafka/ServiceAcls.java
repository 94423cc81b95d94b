package calc.localkafka;

import calc.contract.KafkaConnection;
import calc.contract.Operation;
import calc.contract.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Each service may do its job and nothing else: the producer writes the request topics; a worker
 * reads its request topic in its own group and writes results and dead letters in transactions
 * named after it; the aggregator reads every topic, keeps its Kafka Streams state in topics,
 * groups and transactions prefixed with its application id, and describes the worker groups to
 * measure their lag. Every service may describe the contract's topics, which it checks at start,
 * and the dead-letter topic's configs (its record limit).
 * docs/operations.md lists the same rules as kafka-acls commands for a cluster of one's own.
 */
public final class ServiceAcls {
    private static final long TIMEOUT_SECONDS = 30;

    private ServiceAcls() {
    }

    /** Creates (or updates) every service's SCRAM user and its ACLs, as the admin. */
    public static void apply(KafkaConnection admin, Security security, Topics topics) {
        List<UserScramCredentialAlteration> users = new ArrayList<>();
        for (String service : Security.SERVICES) {
            users.add(new UserScramCredentialUpsertion(service,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), security.password(service)));
        }
        List<AclBinding> acls = bindings(topics);
        try (Admin client = Admin.create(admin.clientConfig())) {
            client.alterUserScramCredentials(users).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            client.createAcls(acls).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitLoaded(client, acls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating users and ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the services' users and ACLs", e);
        }
    }

    /**
     * The controller has the users and ACLs when the calls return; the broker applies them a moment
     * later, and a client that connects in between is refused. Both describe calls are answered by
     * the broker from what it has applied, and it cannot announce that moment, hence the retries.
     */
    private static void awaitLoaded(Admin client, List<AclBinding> acls)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!loaded(client, acls)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the broker did not load the services' users and ACLs");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static boolean loaded(Admin client, List<AclBinding> acls)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (client.describeAcls(AclBindingFilter.ANY).values().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size()
                < acls.size()) {
            return false;
        }
        try {
            client.describeUserScramCredentials(Security.SERVICES).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    static List<AclBinding> bindings(Topics topics) {
        List<AclBinding> acls = new ArrayList<>();
        String multiply = topics.requests(Operation.MULTIPLY).name();
        String add = topics.requests(Operation.ADD).name();
        String results = topics.calculationResults().name();
        String deadLetters = topics.deadLetterTopic().name();
        for (String service : Security.SERVICES) {
            for (Operation operation : Operation.values()) {
                allow(acls, service, ResourceType.TOPIC, topics.requests(operation).name(), AclOperation.DESCRIBE);
            }
            allow(acls, service, ResourceType.TOPIC, results, AclOperation.DESCRIBE);
            allow(acls, service, ResourceType.TOPIC, deadLetters, AclOperation.DESCRIBE);
            allow(acls, service, ResourceType.TOPIC, deadLetters, AclOperation.DESCRIBE_CONFIGS);
        }
        allow(acls, "request-producer", ResourceType.TOPIC, multiply, AclOperation.WRITE);
        allow(acls, "request-producer", ResourceType.TOPIC, add, AclOperation.WRITE);
        worker(acls, "multiply-worker", multiply, results, deadLetters);
        worker(acls, "add-worker", add, results, deadLetters);
        aggregator(acls, "result-aggregator", List.of(multiply, add, results, deadLetters));
        return acls;
    }

    private static void worker(List<AclBinding> acls, String service, String requests, String results,
            String deadLetters) {
        allow(acls, service, ResourceType.TOPIC, requests, AclOperation.READ);
        allow(acls, service, ResourceType.GROUP, service, AclOperation.READ);
        allow(acls, service, ResourceType.TOPIC, results, AclOperation.WRITE);
        allow(acls, service, ResourceType.TOPIC, deadLetters, AclOperation.WRITE);
        allowPrefixed(acls, service, ResourceType.TRANSACTIONAL_ID, service, AclOperation.WRITE);
        allowPrefixed(acls, service, ResourceType.TRANSACTIONAL_ID, service, AclOperation.DESCRIBE);
    }

    private static void aggregator(List<AclBinding> acls, String applicationId, List<String> inputs) {
        for (String topic : inputs) {
            allow(acls, applicationId, ResourceType.TOPIC, topic, AclOperation.READ);
        }
        allowPrefixed(acls, applicationId, ResourceType.TOPIC, applicationId + "-", AclOperation.ALL);
        allowPrefixed(acls, applicationId, ResourceType.GROUP, applicationId, AclOperation.ALL);
        allowPrefixed(acls, applicationId, ResourceType.TRANSACTIONAL_ID, applicationId, AclOperation.WRITE);
        allowPrefixed(acls, applicationId, ResourceType.TRANSACTIONAL_ID, applicationId, AclOperation.DESCRIBE);
        for (String group : List.of("multiply-worker", "add-worker")) {
            allow(acls, applicationId, ResourceType.GROUP, group, AclOperation.DESCRIBE);
        }
        allow(acls, applicationId, ResourceType.CLUSTER, "kafka-cluster", AclOperation.DESCRIBE);
    }

    private static void allow(List<AclBinding> acls, String user, ResourceType type, String name, AclOperation op) {
        acls.add(binding(user, new ResourcePattern(type, name, PatternType.LITERAL), op));
    }

    private static void allowPrefixed(List<AclBinding> acls, String user, ResourceType type, String prefix,
            AclOperation op) {
        acls.add(binding(user, new ResourcePattern(type, prefix, PatternType.PREFIXED), op));
    }

    private static AclBinding binding(String user, ResourcePattern pattern, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
