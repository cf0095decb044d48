package io.hango.testing.nacos.internal;

import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.GrpcRaftRpcFactory;
import com.alipay.sofa.jraft.rpc.impl.GrpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.SPI;
import com.google.protobuf.Message;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.util.MutableHandlerRegistry;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * JRaft's gRPC transport, with its server bound to 127.0.0.1 instead of every interface: Nacos
 * runs its Raft group (persistent instances) even when standalone, and JRaft has no setting for the
 * address it listens on. Found by JRaft's service loader ({@code META-INF/services}), where its
 * higher priority wins over the stock factory. Everything else is the stock factory's.
 */
@SPI(priority = 2)
public final class LoopbackRaftRpcFactory extends GrpcRaftRpcFactory {

  /** The stock factory's limit for one inbound message. */
  private static final int MAX_INBOUND_MESSAGE_SIZE = readStaticInt("RPC_MAX_INBOUND_MESSAGE_SIZE");

  @Override
  public RpcServer createRpcServer(Endpoint endpoint, ConfigHelper<RpcServer> helper) {
    MutableHandlerRegistry registry = new MutableHandlerRegistry();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), endpoint.getPort()))
        .fallbackHandlerRegistry(registry)
        .directExecutor()
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_SIZE)
        .build();
    GrpcServer rpcServer = new GrpcServer(server, registry, parserClasses(), getMarshallerRegistry());
    if (helper != null) {
      helper.config(rpcServer);
    }
    return rpcServer;
  }

  /** The stock factory's message parsers, filled by {@link #registerProtobufSerializer}; package-private there. */
  @SuppressWarnings("unchecked")
  private Map<String, Message> parserClasses() {
    try {
      Field f = GrpcRaftRpcFactory.class.getDeclaredField("parserClasses");
      f.setAccessible(true);
      return (Map<String, Message>) f.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JRaft version has no GrpcRaftRpcFactory.parserClasses", e);
    }
  }

  private static int readStaticInt(String name) {
    try {
      Field f = GrpcRaftRpcFactory.class.getDeclaredField(name);
      f.setAccessible(true);
      return f.getInt(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this JRaft version has no GrpcRaftRpcFactory." + name, e);
    }
  }
}
