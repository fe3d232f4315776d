package dev.loglake.common.io;

import java.io.Serializable;

/** A raw file as listed: its identity in the ledger is (path, size, modification time). */
public record RawFile(String path, long size, long modificationTime) implements Serializable {}
