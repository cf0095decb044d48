package io.hango.xds.internal;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.atomic.AtomicInteger;

/** The server side of a call without a transport: records how often the stream was ended. */
final class RecordingResponses<R> extends ServerCallStreamObserver<R> {

  final AtomicInteger ends = new AtomicInteger();

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setOnReadyHandler(Runnable onReadyHandler) {}

  @Override
  public void setOnCancelHandler(Runnable onCancelHandler) {}

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public void setCompression(String compression) {}

  @Override
  public void disableAutoInboundFlowControl() {}

  @Override
  public void disableAutoRequest() {}

  @Override
  public void request(int count) {}

  @Override
  public void setMessageCompression(boolean enable) {}

  @Override
  public void onNext(R value) {}

  @Override
  public void onError(Throwable t) {
    ends.incrementAndGet();
  }

  @Override
  public void onCompleted() {
    ends.incrementAndGet();
  }
}
