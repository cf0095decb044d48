/** TLS material for tests: {@link io.hango.testkit.tls.TestCertificates}. */
package io.hango.testkit.tls;
