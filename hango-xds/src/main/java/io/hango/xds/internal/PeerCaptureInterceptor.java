package io.hango.xds.internal;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Makes the call's transport attributes (peer address, TLS session) visible to the service
 * method through the gRPC {@link Context}, where the stub API does not expose them.
 */
final class PeerCaptureInterceptor implements ServerInterceptor {

  static final Context.Key<Attributes> ATTRIBUTES = Context.key("hango-xds-call-attributes");
  static final Context.Key<String> METHOD = Context.key("hango-xds-call-method");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Context ctx =
        Context.current()
            .withValues(
                ATTRIBUTES, call.getAttributes(),
                METHOD, call.getMethodDescriptor().getFullMethodName());
    return Contexts.interceptCall(ctx, call, headers, next);
  }
}
