/**
 * Kubernetes as the config store of a Hango control plane: {@link io.hango.kubernetes.HangoCrds}
 * (the CustomResourceDefinitions of the Hango kinds, generated from the model), {@link
 * io.hango.kubernetes.KubernetesConfigSource} (a {@link io.hango.controlplane.ConfigSource} on
 * informers of those kinds that writes each resource's status conditions back, from the elected
 * replica only).
 */
package io.hango.kubernetes;
