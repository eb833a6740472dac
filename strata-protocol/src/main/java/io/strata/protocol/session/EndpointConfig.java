package io.strata.protocol.session;

import io.netty.handler.ssl.SslContext;
import io.strata.engine.ConnectionFactory;
import io.strata.engine.mysql.SessionRegistry;
import io.strata.protocol.Credentials;
import java.security.KeyPair;
import java.util.concurrent.Executor;

/**
 * What every connection of one endpoint shares.
 *
 * @param sslContext null when TLS is not offered
 * @param rsaKeys key pair for caching_sha2_password RSA exchanges
 * @param workers pool on which the per-connection serial executors run
 */
public record EndpointConfig(Credentials credentials, ConnectionFactory factory, SessionRegistry registry,
                             SslContext sslContext, KeyPair rsaKeys, Executor workers, String serverVersion,
                             long maxPacketSize) {}
