/**
 * The {@code strata} command line (picocli): one class per verb. May import every Strata module; nothing
 * imports it.
 */
package io.strata.cli;
