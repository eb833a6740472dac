package io.strata.protocol.session;

import io.netty.handler.ssl.SslContext;
import io.strata.engine.ConnectionFactory;
import io.strata.engine.mysql.SessionRegistry;
import io.strata.protocol.Credentials;
import java.security.KeyPair;

/**
 * What every connection of one endpoint shares.
 *
 * @param sslContext null when TLS is not offered
 * @param rsaKeys key pair for caching_sha2_password RSA exchanges
 */
public record EndpointConfig(Credentials credentials, ConnectionFactory factory, SessionRegistry registry,
                             SslContext sslContext, KeyPair rsaKeys, String serverVersion,
                             long maxPacketSize) {}
