package io.hango.xds.internal;

import io.grpc.stub.StreamObserver;

/** Swallows the requests of a stream that was refused before it started. */
final class NoopObserver<T> implements StreamObserver<T> {

  private static final NoopObserver<Object> INSTANCE = new NoopObserver<>();

  @SuppressWarnings("unchecked")
  static <T> StreamObserver<T> instance() {
    return (StreamObserver<T>) INSTANCE;
  }

  @Override
  public void onNext(T value) {}

  @Override
  public void onError(Throwable t) {}

  @Override
  public void onCompleted() {}
}
