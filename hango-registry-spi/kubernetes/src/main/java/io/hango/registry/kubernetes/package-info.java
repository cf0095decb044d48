/**
 * The {@code kubernetes} registry type: the endpoints of Kubernetes Services, read from their
 * EndpointSlices with fabric8 kubernetes-client informers (its JDK HTTP client). Put this jar on
 * the class path and write {@code Registry} documents with {@code spec.type: kubernetes}; see
 * {@link io.hango.registry.kubernetes.KubernetesRegistryProvider}.
 */
package io.hango.registry.kubernetes;
