package dev.kurator.core.internal;

import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and merges kubeconfig files the way kubectl does with several files in {@code KUBECONFIG}: the first file
 * that defines a context, cluster or user wins. Relative certificate and token paths are resolved against the file
 * that mentions them. Error messages name files and contexts, never credentials.
 */
public final class Kubeconfigs {

  private Kubeconfigs() {}

  /** A merged kubeconfig. */
  public record Merged(io.fabric8.kubernetes.api.model.Config config, List<String> sources) {
    /** Context names, in file order. */
    public List<String> contexts() {
      return config.getContexts().stream().map(NamedContext::getName).toList();
    }
  }

  /** Parses and merges {@code files}. @throws ValidationException naming unreadable or unparsable files */
  public static Merged read(List<Path> files) {
    Problems problems = new Problems();
    problems.check(files.isEmpty(), "kubeconfigs", "[]", "must name at least one file");
    List<io.fabric8.kubernetes.api.model.Config> parsed = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      String at = "kubeconfigs[" + i + "]";
      if (f == null || !Files.isReadable(f)) {
        problems.add(at, f == null ? null : f.toString(), "is not a readable file");
        continue;
      }
      try {
        io.fabric8.kubernetes.api.model.Config c = KubeConfigUtils.parseConfigFromString(Files.readString(f));
        resolveRelativePaths(c, f.toAbsolutePath().getParent());
        parsed.add(c);
        sources.add(f.toString());
      } catch (Exception e) {
        problems.add(at, f.toString(), "is not a kubeconfig: " + firstLine(e.getMessage()));
      }
    }
    problems.throwIfAny();
    return new Merged(merge(parsed), sources);
  }

  /** Parses one kubeconfig given as text. @throws ValidationException when it does not parse */
  public static Merged parse(String text, String source) {
    try {
      return new Merged(merge(List.of(KubeConfigUtils.parseConfigFromString(text))), List.of(source));
    } catch (Exception e) {
      throw ValidationException.of(source, "<kubeconfig text>", "is not a kubeconfig: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static io.fabric8.kubernetes.api.model.Config merge(List<io.fabric8.kubernetes.api.model.Config> configs) {
    Map<String, NamedContext> contexts = new LinkedHashMap<>();
    Map<String, NamedCluster> clusters = new LinkedHashMap<>();
    Map<String, NamedAuthInfo> users = new LinkedHashMap<>();
    String current = null;
    for (io.fabric8.kubernetes.api.model.Config c : configs) {
      if (current == null && c.getCurrentContext() != null && !c.getCurrentContext().isEmpty()) {
        current = c.getCurrentContext();
      }
      if (c.getContexts() != null) {
        c.getContexts().forEach(x -> contexts.putIfAbsent(x.getName(), x));
      }
      if (c.getClusters() != null) {
        c.getClusters().forEach(x -> clusters.putIfAbsent(x.getName(), x));
      }
      if (c.getUsers() != null) {
        c.getUsers().forEach(x -> users.putIfAbsent(x.getName(), x));
      }
    }
    io.fabric8.kubernetes.api.model.Config merged = new io.fabric8.kubernetes.api.model.Config();
    merged.setApiVersion("v1");
    merged.setKind("Config");
    merged.setCurrentContext(current);
    merged.setContexts(new ArrayList<>(contexts.values()));
    merged.setClusters(new ArrayList<>(clusters.values()));
    merged.setUsers(new ArrayList<>(users.values()));
    return merged;
  }

  private static void resolveRelativePaths(io.fabric8.kubernetes.api.model.Config c, Path dir) {
    if (dir == null) {
      return;
    }
    if (c.getClusters() != null) {
      for (NamedCluster nc : c.getClusters()) {
        Cluster cl = nc.getCluster();
        if (cl != null) {
          cl.setCertificateAuthority(resolve(dir, cl.getCertificateAuthority()));
        }
      }
    }
    if (c.getUsers() != null) {
      for (NamedAuthInfo nu : c.getUsers()) {
        AuthInfo u = nu.getUser();
        if (u != null) {
          u.setClientCertificate(resolve(dir, u.getClientCertificate()));
          u.setClientKey(resolve(dir, u.getClientKey()));
          u.setTokenFile(resolve(dir, u.getTokenFile()));
        }
      }
    }
  }

  private static String resolve(Path dir, String file) {
    if (file == null || file.isEmpty() || Path.of(file).isAbsolute()) {
      return file;
    }
    return dir.resolve(file).normalize().toString();
  }

  /**
   * The fabric8 client configuration of {@code context} in {@code merged}. fabric8's own request retries are
   * turned off: the fleet retries (with its own policy and circuit breaker), and two layers would multiply waits.
   */
  public static Config clientConfig(Merged merged, String context) {
    io.fabric8.kubernetes.api.model.Config pinned = Resources.SERIALIZATION.clone(merged.config());
    pinned.setCurrentContext(context);
    Config config = Config.fromKubeconfig(Resources.SERIALIZATION.asYaml(pinned));
    config.setRequestRetryBackoffLimit(0);
    return config;
  }
}
