package calc.worker;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the answers to one poll and the consumer's new offsets reach Kafka (setting
 * {@code calc.worker.delivery}). Either way no offset is committed past a request whose answer
 * was not written; they differ in what a failure or a moved partition leaves behind.
 */
public enum Delivery {
    /**
     * Answers and offsets in one transaction: each request record has exactly one committed
     * answer. Costs a transaction per poll (begin, offsets, commit markers on every partition
     * written), and downstream read_committed readers see answers only at the commit.
     */
    EXACTLY_ONCE {
        @Override
        void begin(Producer<String, byte[]> producer) {
            producer.beginTransaction();
        }

        @Override
        void complete(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
                Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata epoch, SendErrors errors,
                BooleanSupplier keepTrying) {
            producer.sendOffsetsToTransaction(offsets, epoch);
            untilDone("commit", producer::commitTransaction, keepTrying);
        }

        @Override
        void abort(Producer<String, byte[]> producer, BooleanSupplier keepTrying) {
            untilDone("abort", producer::abortTransaction, keepTrying);
        }
    },

    /**
     * Answers are sent and acknowledged first, the offsets committed after, and only if the member
     * epoch is still the poll's: nothing is lost, but a crash, a failed send or a partition that
     * moves between the two answers the same records again. The aggregator counts such repeats as
     * duplicates and keeps the first answer.
     */
    AT_LEAST_ONCE {
        @Override
        void begin(Producer<String, byte[]> producer) {
        }

        @Override
        void complete(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
                Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata epoch, SendErrors errors,
                BooleanSupplier keepTrying) {
            producer.flush();
            errors.throwFirst();
            if (!epoch.equals(consumer.groupMetadata())) {
                // A partition may have moved, and its new owner committed past these records: a late
                // commit here could move its offset back. The records are answered again instead.
                throw new CommitFailedException("the member epoch moved while the poll was answered");
            }
            try {
                consumer.commitSync(offsets);
            } catch (WakeupException e) {
                // A stop asked the next blocking call to return; these answers are sent, so their offsets still go.
                consumer.commitSync(offsets);
            }
        }

        @Override
        void abort(Producer<String, byte[]> producer, BooleanSupplier keepTrying) {
            // Answers already sent stay; the records are read again and answered twice.
        }
    };

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    /** Whether the producer needs a transactional.id. */
    boolean transactional() {
        return this == EXACTLY_ONCE;
    }

    abstract void begin(Producer<String, byte[]> producer);

    /**
     * Makes the answers sent since {@link #begin} durable and commits the offsets; throws if either
     * fails. A commit that times out is repeated for as long as {@code keepTrying} says.
     */
    abstract void complete(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata epoch, SendErrors errors,
            BooleanSupplier keepTrying);

    /** Drops what was sent since {@link #begin}; an abort that times out is repeated for as long as {@code keepTrying} says. */
    abstract void abort(Producer<String, byte[]> producer, BooleanSupplier keepTrying);

    /**
     * A commit or abort that timed out may still complete on the broker, so Kafka allows nothing but
     * calling it again; each call blocks for up to the producer's max.block.ms. Once the worker stops
     * it gives up with an IllegalStateException, which no abort may follow: the broker aborts the
     * transaction at its timeout, or the next incarnation of the instance fences it at once.
     */
    private static void untilDone(String step, Runnable call, BooleanSupplier keepTrying) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (TimeoutException e) {
                if (!keepTrying.getAsBoolean()) {
                    throw new IllegalStateException("stopped while the transaction " + step + " was timing out", e);
                }
                log.warn("Transaction {} timed out (attempt {}), trying again: {}", step, attempt, e.getMessage());
            }
        }
    }

    /** Keeps the first failure of a poll's sends, which the producer reports only to their callbacks. */
    static final class SendErrors implements Callback {
        private volatile Exception first;

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null && first == null) {
                first = exception;
            }
        }

        void throwFirst() {
            if (first != null) {
                throw first instanceof KafkaException kafka ? kafka : new KafkaException(first);
            }
        }
    }
}
