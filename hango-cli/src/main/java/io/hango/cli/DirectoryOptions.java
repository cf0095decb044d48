package io.hango.cli;

import picocli.CommandLine.Option;

/** How config directories are read: the options every command that reads a config shares (a picocli mixin). */
final class DirectoryOptions {

  @Option(names = {"-R", "--recursive"}, description = "Also read config files in subdirectories.")
  boolean recursive;
}
