package dev.kurator.core.discovery;

import dev.kurator.core.KuratorException;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a member's served APIs: the core versions from {@code /api}, every version of every group from
 * {@code /apis}, then each group-version's resource list. A group-version whose list cannot be read, or is not
 * reached within the time budget, makes the result incomplete; the rest is kept.
 */
public final class ApiDiscovery {

  private static final Logger log = LoggerFactory.getLogger(ApiDiscovery.class);

  private ApiDiscovery() {}

  /**
   * Discovers the APIs {@code client}'s cluster serves, with no time budget beyond the client's own timeouts.
   *
   * @param client the member's client (not closed)
   * @return the served group-version kinds, complete when every list was read
   * @throws KuratorException when neither {@code /api} nor {@code /apis} can be read (the member is unreachable)
   */
  public static ApiEnablements discover(KubernetesClient client) {
    return discover(client, null);
  }

  /**
   * Discovers the APIs {@code client}'s cluster serves; once {@code budget} has passed no further resource list is
   * requested (a request under way finishes within the client's request timeout) and the result is incomplete.
   *
   * @param client the member's client (not closed)
   * @param budget wall time allowed for starting requests; null for none
   * @return the served group-version kinds, complete when every list was read
   * @throws KuratorException when neither {@code /api} nor {@code /apis} can be read (the member is unreachable)
   */
  public static ApiEnablements discover(KubernetesClient client, java.time.Duration budget) {
    Objects.requireNonNull(client, "client");
    long deadline = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
    List<String> groupVersions = new ArrayList<>();
    RuntimeException rootFailure = null;
    int rootsRead = 0;
    try {
      APIVersions core = client.getAPIVersions();
      if (core != null && core.getVersions() != null) {
        groupVersions.addAll(core.getVersions());
        rootsRead++;
      }
    } catch (RuntimeException e) {
      rootFailure = e;
    }
    try {
      APIGroupList groups = client.getApiGroups();
      if (groups != null && groups.getGroups() != null) {
        for (APIGroup g : groups.getGroups()) {
          g.getVersions().stream().map(GroupVersionForDiscovery::getGroupVersion).forEach(groupVersions::add);
        }
        rootsRead++;
      }
    } catch (RuntimeException e) {
      if (rootFailure == null) {
        rootFailure = e;
      } else {
        rootFailure.addSuppressed(e);
      }
    }
    if (rootsRead == 0) {
      throw new KuratorException("cannot read /api or /apis of " + client.getMasterUrl(), rootFailure);
    }
    boolean complete = rootsRead == 2;
    Map<String, Set<String>> served = new LinkedHashMap<>();
    for (String gv : new LinkedHashSet<>(groupVersions)) {
      if (System.nanoTime() - deadline > 0) {
        log.debug("{}: discovery took longer than {}; {} and later group-versions left out", client.getMasterUrl(),
            budget, gv);
        complete = false;
        break;
      }
      try {
        APIResourceList list = client.getApiResources(gv);
        if (list == null || list.getResources() == null) {
          complete = false;
          log.debug("{}: no resource list for {}", client.getMasterUrl(), gv);
          continue;
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (APIResource r : list.getResources()) {
          if (r.getName() != null && !r.getName().contains("/") && r.getKind() != null) {
            kinds.add(r.getKind());
          }
        }
        served.put(gv, kinds);
      } catch (RuntimeException e) {
        complete = false;
        log.debug("{}: cannot list resources of {}: {}", client.getMasterUrl(), gv, e.toString());
      }
    }
    return new ApiEnablements(served, complete);
  }
}
