package io.hango.cli;

/** The exit codes of every {@code hango} command. */
final class ExitCodes {
  /** Success: the config is valid, the checks passed. */
  static final int OK = 0;
  /** The config is invalid, or a route check failed. */
  static final int INVALID = 1;
  /** Input could not be read or parsed, or the command line is wrong. */
  static final int UNREADABLE = 2;

  private ExitCodes() {}
}
