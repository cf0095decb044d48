package io.hango.model.io;

import io.hango.model.Resource;
import io.hango.model.validation.SourceLocation;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each document of a config was read from, so that problems found later (by validation, or
 * by the translator) can point at a file, line and column.
 *
 * <p>Documents are keyed by identity, not equality: two equal documents in two files (a duplicate)
 * keep their own positions.
 */
public final class SourceMap {

  private static final SourceMap EMPTY = new SourceMap(new IdentityHashMap<>());

  private final IdentityHashMap<Resource, DocumentPositions> documents;

  private SourceMap(IdentityHashMap<Resource, DocumentPositions> documents) {
    this.documents = documents;
  }

  /** A map that knows no positions (a config built in Java). */
  public static SourceMap empty() {
    return EMPTY;
  }

  /** A map of these documents (keyed by identity) to their positions. */
  public static SourceMap of(Map<Resource, DocumentPositions> documents) {
    IdentityHashMap<Resource, DocumentPositions> copy = new IdentityHashMap<>();
    copy.putAll(documents);
    return new SourceMap(copy);
  }

  /** The positions of {@code resource}'s nodes, if it was read from a file. */
  public Optional<DocumentPositions> document(Resource resource) {
    return Optional.ofNullable(documents.get(resource));
  }

  /**
   * The position of {@code path} in {@code resource}, or of its nearest written ancestor; empty if
   * the resource was not read from a file.
   */
  public Optional<SourceLocation> locate(Resource resource, String path) {
    return document(resource).map(d -> d.nearest(path));
  }

  /** How many documents have positions. */
  public int size() {
    return documents.size();
  }
}
