/** Implementation of {@code io.hango.testkit.kubernetes}; not API: may change in any release. */
package io.hango.testkit.kubernetes.internal;
