package io.hango.translate.internal.ir;

import io.hango.model.gateway.Tracing;
import io.hango.model.service.Service;

/** A gateway's tracing with its collector service resolved. */
public record IrTracing(Tracing model, Service collector) {}
