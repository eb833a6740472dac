package io.strata.api;

/** One RDS action: reads its parameters and writes the members of its {@code <ActionResult>} element. */
@FunctionalInterface
interface Action {
    void run(Params params, XmlWriter result);
}
