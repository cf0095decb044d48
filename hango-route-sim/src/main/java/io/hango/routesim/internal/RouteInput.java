package io.hango.routesim.internal;

import com.google.protobuf.Struct;
import java.util.Map;

/** What route matching reads from a request besides its headers. */
public record RouteInput(HeaderList headers, long randomValue, boolean tls,
    boolean peerCertificatePresented, boolean peerCertificateValidated,
    Map<String, Struct> dynamicMetadata) {}
