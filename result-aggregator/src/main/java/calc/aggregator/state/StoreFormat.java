package calc.aggregator.state;

import calc.contract.CalcError;
import calc.contract.CalculationResult;
import calc.contract.CalculationResult.Status;
import calc.contract.ErrorCode;
import calc.contract.Operation;
import calc.contract.WorkerIdentity;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How the aggregator's store values are written: a version byte, then the fields in a compact
 * binary form ({@link BinaryOut}). Version 1 is written; version 0, the JSON of earlier releases
 * (its first byte is <code>{</code>), is still read ({@link LegacyJson}), so an upgrade keeps every
 * stored value. Any other version is refused with {@link UnreadableStateException}, never guessed.
 */
public final class StoreFormat {
    static final int VERSION = 1;
    private static final int JSON = '{';

    private static final int HAS_A = 1;
    private static final int HAS_B = 2;
    private static final int HAS_RESULT = 4;
    private static final int HAS_ERROR = 8;
    private static final int HAS_WORKER = 16;
    private static final int HAS_SUBMITTED_AT = 32;
    private static final int HAS_COMPLETED_AT = 64;

    private StoreFormat() {
    }

    public static Serde<RequestEntry> entries() {
        return serde(StoreNames.ENTRIES, StoreFormat::writeEntry, StoreFormat::readEntry, LegacyJson::entry);
    }

    public static Serde<BatchAggregate> batches() {
        return serde(StoreNames.BATCHES, StoreFormat::writeBatch, StoreFormat::readBatch, LegacyJson::batch);
    }

    public static Serde<ServiceAggregate> services() {
        return serde(StoreNames.SERVICES, StoreFormat::writeService, StoreFormat::readService, LegacyJson::service);
    }

    public static Serde<ServiceSecond> seconds() {
        return serde(StoreNames.SERVICE_SECONDS, StoreFormat::writeSecond, StoreFormat::readSecond, LegacyJson::second);
    }

    public static Serde<Totals> totals() {
        return serde(StoreNames.TOTALS, StoreFormat::writeTotals, StoreFormat::readTotals, LegacyJson::totals);
    }

    /** The format of {@code store}'s values: one of the aggregate stores or the dead-letter counts. */
    @SuppressWarnings("unchecked")
    public static <V> Serde<V> of(String store) {
        return (Serde<V>) switch (store) {
            case StoreNames.ENTRIES -> entries();
            case StoreNames.BATCHES -> batches();
            case StoreNames.SERVICES -> services();
            case StoreNames.SERVICE_SECONDS -> seconds();
            case StoreNames.TOTALS -> totals();
            case StoreNames.DEAD_LETTERS -> Serdes.Long();
            default -> throw new IllegalArgumentException("no store " + store);
        };
    }

    private static <V> Serde<V> serde(String store, Function<V, byte[]> write, Function<BinaryIn, V> read,
            Function<byte[], V> readJson) {
        Serializer<V> serializer = (topic, value) -> value == null ? null : write.apply(value);
        Deserializer<V> deserializer = new Deserializer<>() {
            @Override
            public V deserialize(String topic, byte[] data) {
                if (data == null) {
                    return null;
                }
                if (data.length == 0) {
                    throw new UnreadableStateException(store, -1);
                }
                return switch (data[0]) {
                    case VERSION -> read.apply(new BinaryIn(data));
                    case JSON -> readJson.apply(data);
                    default -> throw new UnreadableStateException(store, data[0]);
                };
            }

            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static byte[] writeEntry(RequestEntry entry) {
        BinaryOut out = new BinaryOut(VERSION)
                .writeString(entry.requestId())
                .writeLong(entry.storedAtMs())
                .writeString(entry.batchId())
                .writeByte(operationCode(entry.requested()))
                .writeByte(entry.result() == null ? 0 : 1);
        if (entry.result() != null) {
            writeResult(entry.result(), out);
        }
        return out.toBytes();
    }

    private static RequestEntry readEntry(BinaryIn in) {
        String requestId = in.readString();
        long storedAtMs = in.readLong();
        String batchId = in.readString();
        Operation requested = operation(in.readByte());
        CalculationResult result = in.readByte() == 0 ? null : readResult(requestId, in);
        return new RequestEntry(requestId, requested, result, batchId, storedAtMs);
    }

    /** The result's requestId is the entry's and is not written twice. */
    private static void writeResult(CalculationResult result, BinaryOut out) {
        int present = (result.a() != null ? HAS_A : 0) | (result.b() != null ? HAS_B : 0)
                | (result.result() != null ? HAS_RESULT : 0) | (result.error() != null ? HAS_ERROR : 0)
                | (result.worker() != null ? HAS_WORKER : 0) | (result.submittedAt() != null ? HAS_SUBMITTED_AT : 0)
                | (result.completedAt() != null ? HAS_COMPLETED_AT : 0);
        out.writeString(result.batchId())
                .writeByte(operationCode(result.operation()))
                .writeByte(result.status() == Status.OK ? 1 : 2)
                .writeByte(present);
        if (result.a() != null) {
            out.writeLong(result.a());
        }
        if (result.b() != null) {
            out.writeLong(result.b());
        }
        if (result.result() != null) {
            out.writeLong(result.result());
        }
        if (result.error() != null) {
            out.writeString(result.error().code().name()).writeString(result.error().message());
        }
        if (result.worker() != null) {
            out.writeString(result.worker().service()).writeString(result.worker().version())
                    .writeString(result.worker().instance());
        }
        if (result.submittedAt() != null) {
            out.writeInstant(result.submittedAt());
        }
        if (result.completedAt() != null) {
            out.writeInstant(result.completedAt());
        }
    }

    private static CalculationResult readResult(String requestId, BinaryIn in) {
        String batchId = in.readString();
        Operation operation = operation(in.readByte());
        Status status = in.readByte() == 1 ? Status.OK : Status.ERROR;
        int present = in.readByte();
        Long a = (present & HAS_A) != 0 ? in.readLong() : null;
        Long b = (present & HAS_B) != 0 ? in.readLong() : null;
        Long value = (present & HAS_RESULT) != 0 ? in.readLong() : null;
        CalcError error = (present & HAS_ERROR) != 0
                ? new CalcError(ErrorCode.valueOf(in.readString()), in.readString()) : null;
        WorkerIdentity worker = (present & HAS_WORKER) != 0
                ? new WorkerIdentity(in.readString(), in.readString(), in.readString()) : null;
        var submittedAt = (present & HAS_SUBMITTED_AT) != 0 ? in.readInstant() : null;
        var completedAt = (present & HAS_COMPLETED_AT) != 0 ? in.readInstant() : null;
        return new CalculationResult(requestId, batchId, operation, a, b, status, value, error, worker, submittedAt,
                completedAt);
    }

    private static int operationCode(Operation operation) {
        if (operation == null) {
            return 0;
        }
        return switch (operation) {
            case MULTIPLY -> 1;
            case ADD -> 2;
        };
    }

    private static Operation operation(int code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> Operation.MULTIPLY;
            case 2 -> Operation.ADD;
            default -> throw new IllegalArgumentException("no operation has the code " + code);
        };
    }

    static byte[] writeBatch(BatchAggregate batch) {
        return new BinaryOut(VERSION).writeLong(batch.requested()).writeLong(batch.completed()).writeLong(batch.ok())
                .writeLong(batch.errors()).writeLong(batch.updatedAtMs()).writeHistogram(batch.latency()).toBytes();
    }

    private static BatchAggregate readBatch(BinaryIn in) {
        long requested = in.readLong();
        long completed = in.readLong();
        long ok = in.readLong();
        long errors = in.readLong();
        long updatedAtMs = in.readLong();
        return new BatchAggregate(requested, completed, ok, errors, in.readHistogram(), updatedAtMs);
    }

    static byte[] writeService(ServiceAggregate service) {
        return new BinaryOut(VERSION).writeString(service.service()).writeString(service.version())
                .writeLong(service.ok()).writeLong(service.errors()).writeLong(service.mismatches())
                .writeHistogram(service.latency()).toBytes();
    }

    private static ServiceAggregate readService(BinaryIn in) {
        String service = in.readString();
        String version = in.readString();
        long ok = in.readLong();
        long errors = in.readLong();
        long mismatches = in.readLong();
        return new ServiceAggregate(service, version, ok, errors, mismatches, in.readHistogram());
    }

    static byte[] writeSecond(ServiceSecond second) {
        return new BinaryOut(VERSION).writeString(second.service()).writeString(second.version())
                .writeLong(second.epochSecond()).writeLong(second.ok()).writeLong(second.errors())
                .writeLong(second.mismatches()).writeHistogram(second.latency()).toBytes();
    }

    private static ServiceSecond readSecond(BinaryIn in) {
        String service = in.readString();
        String version = in.readString();
        long epochSecond = in.readLong();
        long ok = in.readLong();
        long errors = in.readLong();
        long mismatches = in.readLong();
        return new ServiceSecond(service, version, epochSecond, ok, errors, mismatches, in.readHistogram());
    }

    static byte[] writeTotals(Totals totals) {
        return new BinaryOut(VERSION).writeLong(totals.requested()).writeLong(totals.completed())
                .writeLong(totals.duplicates()).toBytes();
    }

    private static Totals readTotals(BinaryIn in) {
        long requested = in.readLong();
        long completed = in.readLong();
        return new Totals(requested, completed, in.readLong());
    }
}
