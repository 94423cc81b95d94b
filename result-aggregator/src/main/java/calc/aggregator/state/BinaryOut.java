package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.utils.ByteUtils;

/** Writes a stored value: numbers as Kafka's zig-zag varints, strings as a length and UTF-8, null as length -1. */
final class BinaryOut {
    private ByteBuffer buffer;

    BinaryOut(int version) {
        buffer = ByteBuffer.allocate(128);
        buffer.put((byte) version);
    }

    BinaryOut writeByte(int value) {
        ensure(1);
        buffer.put((byte) value);
        return this;
    }

    BinaryOut writeLong(long value) {
        ensure(10);
        ByteUtils.writeVarlong(value, buffer);
        return this;
    }

    BinaryOut writeString(String value) {
        if (value == null) {
            ensure(5);
            ByteUtils.writeVarint(-1, buffer);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(5 + utf8.length);
        ByteUtils.writeVarint(utf8.length, buffer);
        buffer.put(utf8);
        return this;
    }

    BinaryOut writeInstant(Instant value) {
        writeLong(value.getEpochSecond());
        return writeLong(value.getNano());
    }

    BinaryOut writeHistogram(Histogram histogram) {
        ensure(LatencyHistograms.maxEncodedSize(histogram));
        LatencyHistograms.write(histogram, buffer);
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void ensure(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
    }
}
