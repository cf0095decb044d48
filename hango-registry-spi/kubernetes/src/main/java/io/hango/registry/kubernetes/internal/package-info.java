/** The Kubernetes registry's internals: not API, may change in any release. */
package io.hango.registry.kubernetes.internal;
