package io.strata.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * Protocol::AuthSwitchRequest: asks the client to authenticate with another plugin.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_request.html">Protocol::AuthSwitchRequest</a>
 */
public final class AuthSwitchRequest {
    private AuthSwitchRequest() {}

    public static ByteBuf write(ByteBuf b, String plugin, byte[] scramble) {
        b.writeByte(0xFE);
        Wire.writeNulString(b, plugin);
        return b.writeBytes(scramble).writeByte(0);
    }
}
