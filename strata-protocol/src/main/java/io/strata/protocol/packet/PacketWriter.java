package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Writes payloads to a channel with packet headers and sequence ids, splitting payloads of 16 MiB or more
 * into 0xFFFFFF-byte chunks (followed by an empty chunk when the size is an exact multiple).
 *
 * <p>Not thread-safe: used by one thread at a time (the connection's serial executor or, during the
 * handshake, the event loop). {@link #write} does not flush; call {@link #flush}.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html">MySQL Packets</a>
 */
public final class PacketWriter {
    private final Channel channel;
    private int sequenceId;

    public PacketWriter(Channel channel) {
        this.channel = channel;
    }

    /** Sets the next sequence id (the received packet's id + 1). */
    public void sequence(int next) {
        sequenceId = next & 0xFF;
    }

    public ByteBuf buffer() {
        return channel.alloc().buffer();
    }

    /** Writes one payload (consumed and released). */
    public void write(ByteBuf payload) {
        int len = payload.readableBytes();
        if (len < PacketDecoder.MAX_CHUNK) {
            ByteBuf header = channel.alloc().buffer(4);
            header.writeMediumLE(len).writeByte(sequenceId++ & 0xFF);
            sequenceId &= 0xFF;
            channel.write(channel.alloc().compositeBuffer(2).addComponents(true, header, payload));
            return;
        }
        while (true) {
            int n = Math.min(payload.readableBytes(), PacketDecoder.MAX_CHUNK);
            ByteBuf header = channel.alloc().buffer(4);
            header.writeMediumLE(n).writeByte(sequenceId++ & 0xFF);
            sequenceId &= 0xFF;
            channel.write(header);
            channel.write(payload.readRetainedSlice(n));
            if (n < PacketDecoder.MAX_CHUNK) break;
        }
        payload.release();
    }

    public void flush() {
        channel.flush();
    }
}
