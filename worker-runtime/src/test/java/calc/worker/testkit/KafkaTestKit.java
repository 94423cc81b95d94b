package calc.worker.testkit;

import calc.contract.KafkaConnection;
import calc.contract.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Plain Kafka clients for tests: what any user's client would do against the real broker. */
public final class KafkaTestKit {
    private final KafkaConnection connection;

    public KafkaTestKit(String bootstrapServers) {
        this(KafkaConnection.of(bootstrapServers));
    }

    /** Clients that connect as {@code connection} says: to a secure broker, as one of its users. */
    public KafkaTestKit(KafkaConnection connection) {
        this.connection = connection;
    }

    /** Sends each record (key may be null) and waits for every acknowledgement. */
    public void send(String topic, List<Map.Entry<String, String>> records) {
        sendAll(records.stream().map(r -> new ProducerRecord<>(topic, r.getKey(),
                r.getValue() == null ? null : r.getValue().getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** Sends raw values (key and value may be null), records up to the broker's limit, and waits for every acknowledgement. */
    public void sendBytes(String topic, List<HostileRecords.Hostile> records) {
        sendAll(records.stream().map(r -> new ProducerRecord<>(topic, r.key(), r.value())).toList());
    }

    private void sendAll(List<ProducerRecord<String, byte[]>> records) {
        Properties props = new Properties();
        props.putAll(connection.clientConfig());
        props.put("linger.ms", 5);
        props.put("max.request.size", Topics.DEAD_LETTER_MAX_BYTES);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    /** Every committed record of the topic, from the beginning up to the last stable offset at the time of the call. */
    public List<ConsumerRecord<String, String>> readCommitted(String topic) {
        Properties props = new Properties();
        props.putAll(connection.clientConfig());
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return records;
    }

    /** How many records of the topic the group has committed past, over all partitions. */
    public long committedCount(String group, String topic) {
        try (Admin admin = Admin.create(connection.clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e.getCause());
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String request(String id, String operation, long a, long b) {
        return "{\"requestId\":\"" + id + "\",\"operation\":\"" + operation + "\",\"a\":" + a + ",\"b\":" + b + "}";
    }


}
