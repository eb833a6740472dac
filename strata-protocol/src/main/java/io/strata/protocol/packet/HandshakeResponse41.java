package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * Protocol::HandshakeResponse41 (and the capability prefix shared with Protocol::SSLRequest).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html">Protocol::HandshakeResponse</a>
 */
public record HandshakeResponse41(int capabilities, int collation, String user, byte[] authResponse,
                                  String database, String authPlugin, java.util.Map<String, String> attributes) {

    /** True if the packet is an SSLRequest (only the 32-byte fixed prefix, with CLIENT_SSL). */
    public static boolean isSslRequest(ByteBuf p) {
        return p.readableBytes() == 32 && (p.getIntLE(p.readerIndex()) & Capabilities.CLIENT_SSL) != 0;
    }

    public static HandshakeResponse41 read(ByteBuf p) {
        int caps = p.readIntLE();
        if ((caps & Capabilities.CLIENT_PROTOCOL_41) == 0) {
            throw new IllegalArgumentException("client does not support protocol 4.1");
        }
        p.readIntLE(); // max packet size
        int collation = p.readUnsignedByte();
        p.skipBytes(23);
        String user = Wire.readNulString(p);
        byte[] auth;
        if ((caps & Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            auth = Wire.readLenencBytes(p);
        } else if ((caps & Capabilities.CLIENT_SECURE_CONNECTION) != 0) {
            auth = new byte[p.readUnsignedByte()];
            p.readBytes(auth);
        } else {
            auth = Wire.readNulString(p).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        String db = null;
        if ((caps & Capabilities.CLIENT_CONNECT_WITH_DB) != 0 && p.isReadable()) {
            db = Wire.readNulString(p);
            if (db.isEmpty()) db = null;
        }
        String plugin = null;
        if ((caps & Capabilities.CLIENT_PLUGIN_AUTH) != 0 && p.isReadable()) plugin = Wire.readNulString(p);
        java.util.Map<String, String> attributes = java.util.Map.of();
        if ((caps & Capabilities.CLIENT_CONNECT_ATTRS) != 0 && p.isReadable()) attributes = attributes(p);
        return new HandshakeResponse41(caps, collation, user, auth, db, plugin, attributes);
    }

    /**
     * Connection attributes: a length-encoded total, then length-encoded key and value strings. They only
     * inform (which client this is), so malformed ones are dropped rather than refused.
     */
    private static java.util.Map<String, String> attributes(ByteBuf p) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        try {
            long length = Wire.readLenencInt(p);
            if (length < 0 || length > p.readableBytes()) return out;
            ByteBuf a = p.readSlice((int) length);
            while (a.isReadable()) {
                String key = Wire.readLenencString(a);
                out.put(key, Wire.readLenencString(a));
            }
        } catch (RuntimeException e) {
            // keep what was read
        }
        return out;
    }
}
