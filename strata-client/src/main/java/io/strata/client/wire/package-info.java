/**
 * What travels on the wire under {@link io.strata.client.StrataClient}: answers as
 * {@link io.strata.client.wire.Shape} trees (the RDS Query protocol's XML), and
 * AWS Signature V4 ({@link io.strata.client.wire.SigV4}, which strata-api's verifier shares).
 * May import only the JDK.
 */
package io.strata.client.wire;
