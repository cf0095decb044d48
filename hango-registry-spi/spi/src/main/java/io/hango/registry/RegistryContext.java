package io.hango.registry;

import io.hango.model.registry.Registry;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a {@link RegistryProvider} gets to create a client. An interface, so that it can grow without
 * breaking providers.
 */
public interface RegistryContext {

  /** The {@code Registry} document: its name and settings. */
  Registry registry();

  /**
   * A directory the client may write to (caches, the client library's own files); created on first
   * use. Never the user's home directory.
   */
  Path dataDirectory();

  /**
   * A scheduler shared by the registries, for polling and retries. Tasks must be short and must not
   * block; the client cancels its own tasks on {@link RegistryClient#close()}.
   */
  ScheduledExecutorService scheduler();
}
