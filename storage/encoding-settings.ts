// The thresholds at which a collection switches from its compact encoding to its scalable one,
// with Redis 7.0's defaults. CONFIG SET changes them at run time (src/ wires the parameters here);
// like Redis, a change applies to values as they are next written, not to existing ones.

export class EncodingSettings {
  hashMaxListpackEntries = 512;
  hashMaxListpackValue = 64;
  setMaxIntsetEntries = 512;
  setMaxListpackEntries = 128;
  setMaxListpackValue = 64;
  zsetMaxListpackEntries = 128;
  zsetMaxListpackValue = 64;
  /** Positive: entries per quicklist node; negative: -1..-5 for 4KB..64KB nodes. */
  listMaxListpackSize = -2;
  listCompressDepth = 0;
  streamNodeMaxBytes = 4096;
  streamNodeMaxEntries = 100;
}
