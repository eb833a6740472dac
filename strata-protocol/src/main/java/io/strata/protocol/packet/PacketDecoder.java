package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * Frames the byte stream into {@link Packet}s: a 3-byte length and 1-byte sequence id per chunk; payloads of
 * 0xFFFFFF bytes continue in the next chunk and are joined here.
 *
 * <p>Also switches the connection to TLS: when the first client packet is an
 * <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_ssl_request.html">SSLRequest</a>,
 * an {@link SslHandler} is inserted before this decoder, and bytes already received after it (the start of
 * the TLS handshake) are re-injected so they pass through the new handler.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html#sect_protocol_basic_packets_sending_mt_16mb">Sending more than 16 MiB</a>
 */
public final class PacketDecoder extends ByteToMessageDecoder {
    public static final int MAX_CHUNK = 0xFFFFFF;
    private final long maxPacketSize;
    private final Supplier<SslHandler> tls;
    private CompositeByteBuf partial;
    private boolean firstPacket = true;

    /** @param tls creates the server-side SslHandler, or null if TLS is not offered */
    public PacketDecoder(long maxPacketSize, Supplier<SslHandler> tls) {
        this.maxPacketSize = maxPacketSize;
        this.tls = tls;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 4) {
            int len = in.getUnsignedMediumLE(in.readerIndex());
            if (in.readableBytes() < 4 + len) return;
            int seq = in.getUnsignedByte(in.readerIndex() + 3);
            in.skipBytes(4);
            ByteBuf chunk = in.readRetainedSlice(len);
            if (partial == null && len < MAX_CHUNK) {
                emit(ctx, in, out, new Packet(seq, chunk));
                if (ctx.isRemoved()) return;
                continue;
            }
            if (partial == null) partial = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            partial.addComponent(true, chunk);
            if (partial.readableBytes() > maxPacketSize) {
                partial.release();
                partial = null;
                throw new TooLongFrameException("packet larger than " + maxPacketSize + " bytes");
            }
            if (len < MAX_CHUNK) {
                Packet p = new Packet(seq, partial);
                partial = null;
                emit(ctx, in, out, p);
            }
        }
    }

    private void emit(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, Packet p) {
        out.add(p);
        if (!firstPacket) return;
        firstPacket = false;
        if (tls == null || p.payload().readableBytes() != 32
                || (p.payload().getIntLE(0) & Capabilities.CLIENT_SSL) == 0) {
            return;
        }
        // SSLRequest: everything after it is TLS.
        SslHandler ssl = tls.get();
        ctx.pipeline().addBefore(ctx.name(), "tls", ssl);
        if (in.isReadable()) {
            // The start of the TLS handshake arrived with the SSLRequest: hand it to the SslHandler now, before
            // any later read reaches it. A ClientHello yields no application data, so this does not re-enter.
            ByteBuf rest = in.readBytes(in.readableBytes()); // a copy: the cumulation buffer gets compacted
            ChannelHandlerContext sslCtx = ctx.pipeline().context(ssl);
            try {
                ssl.channelRead(sslCtx, rest);
                ssl.channelReadComplete(sslCtx);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }
}
