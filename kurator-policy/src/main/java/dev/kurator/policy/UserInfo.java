package dev.kurator.policy;

import java.util.List;
import java.util.Objects;

/**
 * The admission requester: user, groups and the roles resolved for them.
 *
 * @param username the user name, e.g. {@code system:serviceaccount:ns:name}
 * @param groups the user's groups
 * @param roles namespaced roles as {@code namespace:name}
 * @param clusterRoles cluster role names
 */
public record UserInfo(String username, List<String> groups, List<String> roles, List<String> clusterRoles) {

  /** Rejects nulls and copies lists. */
  public UserInfo {
    Objects.requireNonNull(username, "username");
    groups = List.copyOf(groups);
    roles = List.copyOf(roles);
    clusterRoles = List.copyOf(clusterRoles);
  }

  /** A user with no groups or roles. */
  public static UserInfo of(String username) {
    return new UserInfo(username, List.of(), List.of(), List.of());
  }
}
