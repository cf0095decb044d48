package io.hango.testkit.xds;

import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What the state-of-the-world and Delta test streams share: the gRPC call, raw requests, waiting
 * for responses by type, expecting silence, automatic ACKs and closing. The subclasses add their
 * protocol's own requests (subscribe, ACK, NACK) and client-side state.
 *
 * <p>Thread-safe. Closing cancels the stream.
 *
 * @param <Q> the request type
 * @param <R> the response type
 * @param <S> the concrete stream, returned by the fluent methods
 */
public abstract class XdsTestStream<Q, R, S extends XdsTestStream<Q, R, S>> implements AutoCloseable {

  private final ClientCall<Q, R> call;
  private final StreamObserver<Q> requests;
  private final ResponseInbox<R> inbox;
  private final Function<R, String> typeUrlOf;
  private volatile boolean autoAck;

  XdsTestStream(ClientCall<Q, R> call, Function<R, String> typeUrlOf, Function<R, String> describe) {
    this.call = call;
    this.typeUrlOf = typeUrlOf;
    this.inbox = new ResponseInbox<>(describe);
    this.requests =
        ClientCalls.asyncBidiStreamingCall(
            call,
            new StreamObserver<>() {
              @Override
              public void onNext(R r) {
                synchronized (XdsTestStream.this) {
                  onResponse(r);
                }
                inbox.add(r);
                if (autoAck) {
                  ack(r);
                }
              }

              @Override
              public void onError(Throwable t) {
                inbox.closed(io.grpc.Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                inbox.closed(io.grpc.Status.OK);
              }
            });
  }

  /** Updates the client-side state for a response as it arrives; called holding this stream's lock. */
  abstract void onResponse(R response);

  /** This stream, typed as the concrete class. */
  abstract S self();

  /** Accepts a response. */
  public abstract S ack(R response);

  /** When on, every response is ACKed as it arrives (it still lands in the inbox). */
  public S autoAck(boolean on) {
    this.autoAck = on;
    return self();
  }

  /** Sends a request exactly as given. */
  public synchronized S send(Q request) {
    requests.onNext(request);
    return self();
  }

  /** The next unread response of a type, waiting up to {@link XdsTestClient#DEFAULT_TIMEOUT}. */
  public R awaitResponse(String typeUrl) {
    return awaitResponse(typeUrl, XdsTestClient.DEFAULT_TIMEOUT);
  }

  /** The next unread response of a type. */
  public R awaitResponse(String typeUrl, Duration timeout) {
    return inbox.next(r -> typeUrlOf.apply(r).equals(typeUrl), "response of " + typeUrl, timeout);
  }

  /** The next unread response of any type. */
  public R awaitAnyResponse(Duration timeout) {
    return inbox.next(r -> true, "response", timeout);
  }

  /** Fails if a response of the type arrives within the duration. */
  public void expectNoResponse(String typeUrl, Duration within) {
    inbox.expectNone(r -> typeUrlOf.apply(r).equals(typeUrl), within);
  }

  /** Fails if any response arrives within the duration. */
  public void expectNoResponse(Duration within) {
    inbox.expectNone(r -> true, within);
  }

  /** Every response received so far, in order. */
  public List<R> received() {
    return inbox.all();
  }

  /** Waits for the server to end the stream; returns the final status. */
  public io.grpc.Status awaitClosed(Duration timeout) {
    return inbox.awaitClosed(timeout);
  }

  /** Cancels the stream. */
  @Override
  public void close() {
    call.cancel("test client closed", null);
  }
}
