package io.hango.translate.internal.emit;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import io.hango.model.GatewayConfig;
import io.hango.translate.TranslatorOptions;
import io.hango.translate.internal.ClusterKey;
import io.hango.translate.internal.Diagnostics;
import io.hango.translate.internal.Protos;
import io.hango.translate.internal.ir.SecretRef;
import io.hango.translate.internal.ir.SecretUse;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the emitters of one assembly (the whole translation, or one gateway's slice) share: the
 * options, deterministic packing (recording every packed type for the JSON/YAML writer), the
 * clusters and secrets to emit, and diagnostics. One per assembly, used by one thread.
 */
public final class TranslationContext {

  private final GatewayConfig config;
  private final TranslatorOptions options;
  private final Diagnostics diags;
  private final Set<Descriptor> types;
  private final Set<ClusterKey> clusters = new TreeSet<>();
  private final Set<String> certificates = new TreeSet<>();
  private final Set<String> caBundles = new TreeSet<>();

  /**
   * @param types where packed message types are recorded; shared by every assembly of one translation
   *     (a superset of the types a slice packs does no harm to the writer)
   */
  public TranslationContext(GatewayConfig config, TranslatorOptions options, Diagnostics diags, Set<Descriptor> types) {
    this.config = config;
    this.options = options;
    this.diags = diags;
    this.types = types;
  }

  /** The config being translated. */
  public GatewayConfig config() {
    return config;
  }

  /** The translator options. */
  public TranslatorOptions options() {
    return options;
  }

  /** Packs {@code message} deterministically and records its type. */
  public Any packAny(Message message) {
    types.add(message.getDescriptorForType());
    return Protos.pack(message);
  }

  /** The types packed so far. */
  Set<Descriptor> types() {
    return types;
  }

  /** Makes sure the cluster (and, for EDS, the assignment) of {@code key} is emitted. */
  public void useCluster(ClusterKey key) {
    clusters.add(key);
  }

  /** The clusters to emit, sorted. */
  Set<ClusterKey> usedClusters() {
    return clusters;
  }

  /** Makes sure Secret {@code name} is served as {@code use}. */
  public void useSecret(String name, SecretUse use) {
    (use == SecretUse.CERTIFICATE ? certificates : caBundles).add(name);
  }

  /** Records {@code ref}'s use, when the secret can serve it. */
  void useSecret(SecretRef ref) {
    if (ref.usable()) {
      useSecret(ref.name(), ref.use());
    }
  }

  /** The secrets to serve as {@code use}, sorted. */
  Set<String> usedSecrets(SecretUse use) {
    return use == SecretUse.CERTIFICATE ? certificates : caBundles;
  }

  /** Reports an error about {@code resource} at {@code path}. */
  public void error(String resource, String path, String reason) {
    diags.error(resource, path, reason);
  }

  /** Reports a warning about {@code resource} at {@code path}. */
  public void warning(String resource, String path, String reason) {
    diags.warning(resource, path, reason);
  }

  /** Where diagnostics go. */
  Diagnostics diagnostics() {
    return diags;
  }
}
