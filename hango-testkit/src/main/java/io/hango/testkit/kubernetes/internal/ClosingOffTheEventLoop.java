package io.hango.testkit.kubernetes.internal;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * The mock's CRUD dispatcher, with a work-around for a stall of the mock: its watch listener, when
 * a watch closes, waits on vert.x's event loop for its sender thread to finish, while a send in
 * progress waits for that same event loop; a watch closed while an event is being sent to it (the
 * replay of existing objects right after it opens, say) stalls the whole mock server for 30s (its
 * write timeout). Here the listener's close callbacks run on a thread of their own. Internal.
 */
public final class ClosingOffTheEventLoop extends KubernetesCrudDispatcher {

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    return response.withWebSocketUpgrade(new Listener(response.getWebSocketListener()));
  }

  private static final class Listener extends WebSocketListener {
    private final WebSocketListener delegate;

    Listener(WebSocketListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      delegate.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] bytes) {
      delegate.onPing(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      offTheLoop(() -> delegate.onClosed(webSocket, code, reason));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      offTheLoop(() -> delegate.onFailure(webSocket, t, response));
    }

    private static void offTheLoop(Runnable r) {
      Thread t = new Thread(r, "mock-watch-close");
      t.setDaemon(true);
      t.start();
    }
  }
}
