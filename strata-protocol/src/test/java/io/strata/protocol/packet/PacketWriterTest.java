package io.strata.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Packets written in place: headers, sequence ids, the hand-over at the gather limit, a failed payload. */
class PacketWriterTest {

    @Test
    void inPlacePayloadsGetTheirHeadersAndFollowOtherPacketsInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        PacketWriter out = new PacketWriter(channel);
        out.sequence(1);
        out.write(Unpooled.wrappedBuffer(new byte[] {7}));
        out.writeInPlace(b -> b.writeBytes("abc".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> out.writeInPlace(b -> {
            b.writeBytes(new byte[100]);
            throw new IllegalStateException("a value the row writer cannot encode");
        })).isInstanceOf(IllegalStateException.class);
        out.writeInPlace(b -> { });
        out.flush();
        ByteBuf sent = channel.readOutbound();
        // 1 byte (seq 1), "abc" (seq 2), nothing of the failed payload, an empty payload (seq 3).
        assertThat(bytes(sent)).containsExactly(1, 0, 0, 1, 7, 3, 0, 0, 2, 'a', 'b', 'c', 0, 0, 0, 3);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void gatheredPacketsAreHandedOverOnceTheGatherLimitIsPassed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        PacketWriter out = new PacketWriter(channel);
        int rows = PacketWriter.GATHER_LIMIT / 1000 + 2;
        for (int i = 0; i < rows; i++) {
            out.writeInPlace(b -> b.writeZero(1000));
        }
        ByteBuf first = channel.readOutbound();
        assertThat(first.readableBytes()).isGreaterThanOrEqualTo(PacketWriter.GATHER_LIMIT).isLessThan(PacketWriter.GATHER_LIMIT + 1004);
        out.flush();
        ByteBuf rest = channel.readOutbound();
        assertThat(first.readableBytes() + rest.readableBytes()).isEqualTo(rows * 1004);
        assertThat((int) rest.getUnsignedByte(3)).as("sequence id of the first packet after the hand-over")
                .isEqualTo(first.readableBytes() / 1004);
        first.release();
        rest.release();
    }

    private static int[] bytes(ByteBuf b) {
        int[] r = new int[b.readableBytes()];
        for (int i = 0; i < r.length; i++) {
            r[i] = b.getUnsignedByte(b.readerIndex() + i);
        }
        b.release();
        return r;
    }
}
