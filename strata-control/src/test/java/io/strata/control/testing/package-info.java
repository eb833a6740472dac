/**
 * Test fixtures shared with strata-api's tests (published as the test-jar): a real, minimal
 * {@link io.strata.control.ClusterRuntime} that listens on the cluster's port, and helpers to put bytes in
 * a cluster's volume and read them back.
 */
package io.strata.control.testing;
