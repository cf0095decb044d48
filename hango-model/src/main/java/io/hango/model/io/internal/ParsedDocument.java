package io.hango.model.io.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hango.model.io.DocumentPositions;

/**
 * One document as parsed, before binding: its tree and where each node was written.
 *
 * @param root the document's tree (nulls included, as written)
 * @param positions positions of the tree's nodes
 */
public record ParsedDocument(JsonNode root, DocumentPositions positions) {}
