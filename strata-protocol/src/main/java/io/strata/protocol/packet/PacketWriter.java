package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * Writes payloads to a channel with packet headers and sequence ids, splitting payloads of 16 MiB or more
 * into 0xFFFFFF-byte chunks (followed by an empty chunk when the size is an exact multiple).
 *
 * <p>Packets are gathered into one buffer and handed to the channel on {@link #flush} (or once
 * {@value #GATHER_LIMIT} bytes are pending): a statement's response (column count, definitions, rows,
 * terminator) then costs one pass through the channel's pipeline and one socket write instead of one per
 * packet. Result rows are written straight into that buffer ({@link #writeInPlace}): no buffer and no copy
 * of their own, which had been about 5% of the server's CPU under read_write (JFR: a pooled buffer
 * allocated, filled, copied and released per row).
 *
 * <p>Not thread-safe: used by one thread at a time (the connection's event loop). {@link #write} does not flush; call {@link #flush}.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html">MySQL Packets</a>
 */
public final class PacketWriter {
    /** Pending bytes above which the gathered packets are written (and flushed) before the next one. */
    static final int GATHER_LIMIT = 64 * 1024;
    /** The first capacity of the gathered packets when a payload is written in place (its size unknown). */
    private static final int IN_PLACE_INITIAL = 1024;

    private final Channel channel;
    private int sequenceId;
    /** Packets written since the last hand-over to the channel, or null. */
    private ByteBuf pending;

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
            if (pending != null && pending.readableBytes() + len + 4 > GATHER_LIMIT) handOver(true);
            if (pending == null) pending = channel.alloc().ioBuffer(Math.max(256, Math.min(len + 4, GATHER_LIMIT)));
            pending.writeMediumLE(len).writeByte(sequenceId++ & 0xFF);
            sequenceId &= 0xFF;
            pending.writeBytes(payload, payload.readerIndex(), len);
            payload.release();
            return;
        }
        handOver(false);
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

    /**
     * Writes one payload that {@code body} writes straight into the gathered packets, after a header filled
     * in once its length is known. A payload of 16 MiB or more is moved out and split as {@link #write} does.
     * If {@code body} throws, nothing of the payload stays.
     */
    public void writeInPlace(Consumer<ByteBuf> body) {
        if (pending == null) pending = channel.alloc().ioBuffer(IN_PLACE_INITIAL);
        int start = pending.writerIndex();
        pending.writeInt(0);
        try {
            body.accept(pending);
        } catch (RuntimeException | Error e) {
            pending.writerIndex(start);
            throw e;
        }
        int len = pending.writerIndex() - start - 4;
        if (len >= PacketDecoder.MAX_CHUNK) {
            ByteBuf payload = channel.alloc().buffer(len);
            payload.writeBytes(pending, start + 4, len);
            pending.writerIndex(start);
            write(payload);
            return;
        }
        pending.setMediumLE(start, len);
        pending.setByte(start + 3, sequenceId++ & 0xFF);
        sequenceId &= 0xFF;
        if (pending.readableBytes() >= GATHER_LIMIT) handOver(true);
    }

    /** Passes the gathered packets to the channel, flushing it if asked. */
    private void handOver(boolean flush) {
        ByteBuf b = pending;
        pending = null;
        if (b == null) return;
        if (flush) channel.writeAndFlush(b, channel.voidPromise());
        else channel.write(b, channel.voidPromise());
    }

    public void flush() {
        if (pending != null) handOver(true);
        else channel.flush();
    }
}
