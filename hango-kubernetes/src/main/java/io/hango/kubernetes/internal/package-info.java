/** Implementation of {@code io.hango.kubernetes}; not API: may change in any release. */
package io.hango.kubernetes.internal;
