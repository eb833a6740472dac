/**
 * {@code strata run ENV.yaml}: the declarative test environment ({@link io.strata.cli.run.RunSpec}), one run per
 * clone ({@link io.strata.cli.run.CloneRun}: clone, schema changes, test command, teardown), the teardown that
 * also runs on Ctrl-C and SIGTERM ({@link io.strata.cli.run.Teardown}), and the timing table. May import
 * strata-client, Jackson (YAML), Flyway and picocli-free JDK code; the verb itself is {@code io.strata.cli.RunCommand}.
 */
package io.strata.cli.run;
