package io.strata.api;

import io.strata.control.ControlPlane;

import java.util.Map;

/**
 * AddTagsToResource, RemoveTagsFromResource and ListTagsForResource, on DB clusters (ResourceName is the
 * cluster's DBClusterArn). The tag {@code strata:ttl} is a cluster's time-to-live; given here it counts from now.
 */
final class TagActions {
    private TagActions() {
    }

    static void register(Map<String, Action> actions, ControlPlane cp, Shapes shapes) {
        actions.put("AddTagsToResource", (p, x) -> {
            Map<String, String> tags = p.tags();
            if (tags.isEmpty()) {
                throw ApiError.missingParameter("Tags");
            }
            cp.addTags(Shapes.clusterOfArn(p.required("ResourceName")), tags);
        });
        actions.put("RemoveTagsFromResource", (p, x) ->
                cp.removeTags(Shapes.clusterOfArn(p.required("ResourceName")), p.tagKeys()));
        actions.put("ListTagsForResource", (p, x) -> shapes.tagList(x,
                cp.describeClusters(Shapes.clusterOfArn(p.required("ResourceName"))).get(0).tagList()));
    }
}
