package calc.aggregator.state;

import calc.aggregator.measure.LatencyHistograms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.utils.ByteUtils;

/** Reads what {@link BinaryOut} wrote, after the version byte. */
final class BinaryIn {
    private final ByteBuffer buffer;

    BinaryIn(byte[] bytes) {
        buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    }

    int readByte() {
        return buffer.get();
    }

    long readLong() {
        return ByteUtils.readVarlong(buffer);
    }

    String readString() {
        int length = ByteUtils.readVarint(buffer);
        if (length < 0) {
            return null;
        }
        String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }

    Instant readInstant() {
        long seconds = readLong();
        return Instant.ofEpochSecond(seconds, readLong());
    }

    Histogram readHistogram() {
        return LatencyHistograms.read(buffer);
    }
}
