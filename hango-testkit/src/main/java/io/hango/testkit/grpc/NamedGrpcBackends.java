package io.hango.testkit.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real gRPC servers on loopback, each answering the unary method {@code test.Who/Name} with its
 * own name: backends for end-to-end tests of xDS routing (which backend answered shows where a call
 * was routed). Point a gateway config's endpoints at {@link #port(String)}, then {@link #call} through
 * an xDS-resolved channel.
 */
public final class NamedGrpcBackends implements AutoCloseable {

  /** A unary method every backend answers with its own name. */
  public static final MethodDescriptor<String, String> WHO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Who/Name")
          .setRequestMarshaller(StringMarshaller.INSTANCE)
          .setResponseMarshaller(StringMarshaller.INSTANCE)
          .build();

  private final Map<String, Server> servers = new LinkedHashMap<>();

  private NamedGrpcBackends() {}

  /** Starts one backend per name. */
  public static NamedGrpcBackends start(String... names) throws IOException {
    NamedGrpcBackends b = new NamedGrpcBackends();
    for (String name : names) {
      Server s =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .addService(
                  ServerServiceDefinition.builder("test.Who")
                      .addMethod(
                          WHO,
                          ServerCalls.asyncUnaryCall(
                              (req, out) -> {
                                out.onNext(name);
                                out.onCompleted();
                              }))
                      .build())
              .build()
              .start();
      b.servers.put(name, s);
    }
    return b;
  }

  /** The port of the backend named {@code name}. */
  public int port(String name) {
    return servers.get(name).getPort();
  }

  /** One call of {@code test.Who/Name} with these headers; the name of the backend that answered. */
  public static String call(Channel channel, Map<String, String> headers) {
    Metadata md = new Metadata();
    headers.forEach((k, v) -> md.put(Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER), v));
    Channel c = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(md));
    return ClientCalls.blockingUnaryCall(
        c, WHO, CallOptions.DEFAULT.withWaitForReady().withDeadlineAfter(10, TimeUnit.SECONDS), "who?");
  }

  @Override
  public void close() throws InterruptedException {
    for (Server s : servers.values()) {
      s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Strings as UTF-8 bytes: enough of a message format for a test service. */
  public enum StringMarshaller implements MethodDescriptor.Marshaller<String> {
    INSTANCE;

    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
