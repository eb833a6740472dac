/**
 * Strata's RDS-compatible HTTP API: the RDS Query protocol (form-encoded POST, Action and
 * Version=2014-10-31, XML responses and RDS error XML) over the control plane, authenticated with AWS
 * Signature V4. {@link io.strata.api.ApiServer} is the public face. One class per action family
 * ({@code ClusterActions}, {@code InstanceActions}, ...); {@code Shapes} writes RDS's data types.
 * May import strata-control, strata-storage and the JDK (the HTTP server is com.sun.net.httpserver).
 */
package io.strata.api;
