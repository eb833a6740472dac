package io.strata.client.wire;

import java.util.List;
import java.util.Optional;

/**
 * One element of an API answer, as the RDS Query protocol's XML has it: its name, its text (leaves) and its
 * child elements in order. A {@code DBCluster} is a shape; so is a whole {@code DescribeDBClustersResult}.
 * The typed results of {@code StrataClient} keep the shape they were read from, so tools (the CLI's
 * {@code --json}) can show every field with the API's own names.
 */
public record Shape(String name, String text, List<Shape> children) {

    public Shape {
        children = List.copyOf(children);
    }

    /** The first direct child element named {@code childName}. */
    public Optional<Shape> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The text of a direct child leaf, or "" when it is absent. */
    public String get(String childName) {
        return child(childName).map(Shape::text).orElse("");
    }

    /** The members of a list element such as DBClusters (each a DBCluster), or none if it is absent. */
    public List<Shape> list(String listName) {
        return child(listName).map(Shape::children).orElse(List.of());
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }
}
