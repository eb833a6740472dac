package io.strata.cli;

import java.util.List;
import java.util.Optional;

/** One element of an API response: its name, its text (leaves) and its child elements, in order. */
record ApiNode(String name, String text, List<ApiNode> children) {

    Optional<ApiNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The text of a direct child leaf, or "" when it is absent. */
    String get(String childName) {
        return child(childName).map(ApiNode::text).orElse("");
    }

    /** The members of a list element such as DBClusters (each a DBCluster). */
    List<ApiNode> list(String listName) {
        return child(listName).map(ApiNode::children).orElse(List.of());
    }

    boolean isLeaf() {
        return children.isEmpty();
    }
}
