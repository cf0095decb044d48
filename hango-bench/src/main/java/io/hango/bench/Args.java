package io.hango.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} command-line options of the bench mains. */
public final class Args {

  private Args() {}

  public static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got " + String.join(" ", args));
      }
      out.put(args[i].substring(2), args[++i]);
    }
    return out;
  }

  /** {@link #parse}, failing on an option not in {@code known}. */
  public static Map<String, String> parse(String[] args, java.util.Collection<String> known) {
    Map<String, String> opts = parse(args);
    for (String key : opts.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key + "; options: " + known);
      }
    }
    return opts;
  }

  /** What a bench main runs. */
  public interface Main {
    /** Runs with the parsed options. */
    void run(Map<String, String> opts) throws Exception;
  }

  /**
   * Parses {@code args} against {@code known}, runs {@code main}, and exits: 0, or 1 with the
   * stack trace (a bench main's client threads must not keep the JVM alive).
   */
  public static void runAndExit(String[] args, java.util.Collection<String> known, Main main) {
    int status = 0;
    try {
      main.run(parse(args, known));
    } catch (Throwable t) {
      t.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }
}
