package dev.kurator.core;

import dev.kurator.core.internal.Kubeconfigs;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Factories of {@link MemberCluster}s: from clients the host already has, from kubeconfig contexts (one member per
 * context, several files merged as kubectl does) and from a kubeconfig held in a Secret (Kurator's AttachedCluster
 * convention: key {@code value}).
 *
 * <p>Members built from kubeconfigs own their clients ({@link MemberCluster#close()} closes them; so does
 * {@link Fleet#close()}). Members come without labels; add them with {@link MemberCluster#withLabels(Map)} or
 * {@link MemberCluster#toBuilder()}.
 */
public final class MemberClusters {

  /** The Secret key that holds a kubeconfig, as Kurator's AttachedCluster and Cluster credentials. */
  public static final String SECRET_KEY = "value";

  private MemberClusters() {}

  /**
   * One member per entry, named by the key, with the host's client (the host keeps ownership).
   *
   * @throws ValidationException naming each invalid name or missing client
   */
  public static List<MemberCluster> of(Map<String, KubernetesClient> clients) {
    Problems problems = new Problems();
    List<MemberCluster> out = new ArrayList<>();
    clients.forEach((name, client) -> {
      try {
        out.add(MemberCluster.builder(name).client(client).build());
      } catch (ValidationException e) {
        problems.addAll("", e);
      }
    });
    problems.throwIfAny();
    return out;
  }

  /**
   * One member per context of {@code kubeconfig}, named after the context; all contexts when none are named. A
   * leading {@code ~/} means the user's home directory.
   *
   * @throws ValidationException when the file cannot be read or parsed, a context does not exist, or a context
   *                             name is not a DNS-1123 label
   */
  public static List<MemberCluster> fromKubeconfig(Path kubeconfig, String... contexts) {
    return fromKubeconfigs(List.of(kubeconfig), contexts);
  }

  /**
   * One member per context of the merged {@code kubeconfigs} (the first file defining a name wins, as with
   * kubectl's {@code KUBECONFIG=a:b}); all contexts when none are named.
   *
   * @throws ValidationException as {@link #fromKubeconfig(Path, String...)}
   */
  public static List<MemberCluster> fromKubeconfigs(List<Path> kubeconfigs, String... contexts) {
    List<Path> expanded = kubeconfigs.stream().map(MemberClusters::expandHome).toList();
    return fromMerged(Kubeconfigs.read(expanded), contexts);
  }

  /**
   * One member per context of a kubeconfig given as text; all contexts when none are named.
   *
   * @throws ValidationException as {@link #fromKubeconfig(Path, String...)}
   */
  public static List<MemberCluster> fromKubeconfigText(String kubeconfig, String... contexts) {
    return fromMerged(Kubeconfigs.parse(kubeconfig, "kubeconfig"), contexts);
  }

  /**
   * A member named {@code name} from the kubeconfig in {@code secret} under key {@code value} (base64
   * {@code data} or plain {@code stringData}), using its current context (or its only context).
   *
   * @throws ValidationException when the key is missing or does not hold a usable kubeconfig
   */
  public static MemberCluster fromSecret(String name, Secret secret) {
    return fromSecret(name, secret, SECRET_KEY);
  }

  /** As {@link #fromSecret(String, Secret)} with another key. */
  public static MemberCluster fromSecret(String name, Secret secret, String key) {
    String where = "secret[" + (secret.getMetadata() == null ? "?" : secret.getMetadata().getNamespace() + "/"
        + secret.getMetadata().getName()) + "]";
    String text = null;
    if (secret.getData() != null && secret.getData().get(key) != null) {
      try {
        text = new String(Base64.getDecoder().decode(secret.getData().get(key).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw ValidationException.of(where + ".data." + key, "<redacted>", "is not valid base64");
      }
    } else if (secret.getStringData() != null) {
      text = secret.getStringData().get(key);
    }
    if (text == null || text.isBlank()) {
      throw ValidationException.of(where + ".data." + key, null, "must hold a kubeconfig");
    }
    Kubeconfigs.Merged merged = Kubeconfigs.parse(text, where + ".data." + key);
    String context = merged.config().getCurrentContext();
    if (context == null || context.isEmpty()) {
      List<String> all = merged.contexts();
      if (all.size() != 1) {
        throw ValidationException.of(where + ".data." + key + ".current-context", null,
            "must be set when the kubeconfig has " + all.size() + " contexts");
      }
      context = all.get(0);
    }
    return MemberCluster.builder(name).ownedClient(client(merged, context)).build();
  }

  /**
   * A member named {@code name} from the Secret {@code namespace/secretName} read through the host's client.
   *
   * @throws ValidationException when the Secret does not exist or does not hold a usable kubeconfig
   * @throws KuratorException    when the host cluster cannot be read
   */
  public static MemberCluster fromSecret(String name, KubernetesClient host, String namespace, String secretName) {
    Secret secret;
    try {
      secret = host.secrets().inNamespace(namespace).withName(secretName).get();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      throw new KuratorException("cannot read Secret " + namespace + "/" + secretName + " for member \"" + name
          + "\": " + e.getMessage(), e);
    }
    if (secret == null) {
      throw ValidationException.of("secret", namespace + "/" + secretName, "does not exist");
    }
    return fromSecret(name, secret);
  }

  private static List<MemberCluster> fromMerged(Kubeconfigs.Merged merged, String... contexts) {
    List<String> available = merged.contexts();
    List<String> wanted = contexts.length == 0 ? available : Arrays.asList(contexts);
    Problems problems = new Problems();
    problems.check(wanted.isEmpty(), "contexts", "[]", "the kubeconfig defines no context (" + merged.sources()
        + ")");
    for (int i = 0; i < wanted.size(); i++) {
      String c = wanted.get(i);
      if (!available.contains(c)) {
        problems.add("contexts[" + i + "]", c, "is not a context of " + merged.sources() + " (available: "
            + available + ")");
      } else {
        dev.kurator.core.internal.Names.checkDns1123Label(problems, "contexts[" + i + "]", c);
      }
    }
    problems.throwIfAny();
    List<MemberCluster> out = new ArrayList<>();
    for (String c : wanted) {
      out.add(MemberCluster.builder(c).ownedClient(client(merged, c)).build());
    }
    return out;
  }

  private static KubernetesClient client(Kubeconfigs.Merged merged, String context) {
    return new KubernetesClientBuilder().withConfig(Kubeconfigs.clientConfig(merged, context)).build();
  }

  private static Path expandHome(Path file) {
    return Yaml.expandHome(file);
  }
}
