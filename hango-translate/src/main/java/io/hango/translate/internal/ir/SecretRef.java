package io.hango.translate.internal.ir;

/** A use of the Secret {@code name} as {@code use}; {@code usable} when the Secret exists and holds what the use needs. */
public record SecretRef(String name, SecretUse use, boolean usable) {}
