package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * Protocol::AuthMoreData: extra plugin data (caching_sha2_password fast-auth result, RSA public key).
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_more_data.html">Protocol::AuthMoreData</a>
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html">caching_sha2_password exchanges</a>
 */
public final class AuthMoreData {
    public static final byte FAST_AUTH_SUCCESS = 3;
    public static final byte PERFORM_FULL_AUTHENTICATION = 4;

    private AuthMoreData() {}

    public static ByteBuf write(ByteBuf b, byte[] data) {
        return b.writeByte(0x01).writeBytes(data);
    }
}
