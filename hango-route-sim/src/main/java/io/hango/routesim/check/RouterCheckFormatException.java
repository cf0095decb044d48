package io.hango.routesim.check;

/** A route configuration or router_check test file that cannot be read; the message says where. */
public final class RouterCheckFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public RouterCheckFormatException(String message) {
    super(message);
  }

  public RouterCheckFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
