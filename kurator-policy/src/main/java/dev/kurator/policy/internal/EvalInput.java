package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.UserInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one policy evaluation reads.
 *
 * @param resource the object under admission (for DELETE, the deleted object)
 * @param oldResource the prior object, or null
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param user requester, empty in background scans
 * @param namespaceLabels labels of the resource's namespace
 * @param variables extra variables by dotted name
 * @param ruleValues per-rule variables by rule name (values files' {@code rules[].values})
 * @param info the resource identity used by match/exclude
 * @param cloneSources objects that generate.clone may copy
 * @param exceptions PolicyException documents
 */
public record EvalInput(JsonNode resource, JsonNode oldResource, String operation, Optional<UserInfo> user,
    Map<String, String> namespaceLabels, Map<String, JsonNode> variables, Map<String, Map<String, JsonNode>> ruleValues,
    ResourceInfo info, List<JsonNode> cloneSources, List<JsonNode> exceptions, ContextCache contextCache) {

  /** The same input without a shared context cache. */
  public EvalInput(JsonNode resource, JsonNode oldResource, String operation, Optional<UserInfo> user,
      Map<String, String> namespaceLabels, Map<String, JsonNode> variables, Map<String, Map<String, JsonNode>> ruleValues,
      ResourceInfo info, List<JsonNode> cloneSources, List<JsonNode> exceptions) {
    this(resource, oldResource, operation, user, namespaceLabels, variables, ruleValues, info, cloneSources, exceptions,
        new ContextCache());
  }

  /** Holds the variable document built for one resource state, shared by every policy of one evaluation. */
  public static final class ContextCache {
    private JsonNode resource;
    private EvalContext context;

    EvalContext get(JsonNode r, java.util.function.Function<JsonNode, EvalContext> build) {
      if (resource != r || context == null) {
        context = build.apply(r);
        resource = r;
      }
      return context.copy();
    }
  }

  /** True for DELETE. */
  public boolean isDelete() {
    return operation.equals("DELETE");
  }

  /** True for UPDATE. */
  public boolean isUpdate() {
    return operation.equals("UPDATE");
  }
}
