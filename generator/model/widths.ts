/**
 * The range of each QAPI sized integer (`ScalarType.width`), for emitters: JSON Schema
 * `minimum`/`maximum` and doc remarks. `text` is exact; `min`/`max` are the nearest doubles
 * (JSON Schema validators compare doubles; 64-bit bounds are not exactly representable).
 */
import type { IntWidth } from './types.js';

export interface IntRange {
  min: number;
  max: number;
  minText: string;
  maxText: string;
}

function range(min: bigint, max: bigint): IntRange {
  return { min: Number(min), max: Number(max), minText: min.toString(), maxText: max.toString() };
}

export const INT_RANGES: Readonly<Record<IntWidth, IntRange>> = {
  int8: range(-(2n ** 7n), 2n ** 7n - 1n),
  int16: range(-(2n ** 15n), 2n ** 15n - 1n),
  int32: range(-(2n ** 31n), 2n ** 31n - 1n),
  int64: range(-(2n ** 63n), 2n ** 63n - 1n),
  uint8: range(0n, 2n ** 8n - 1n),
  uint16: range(0n, 2n ** 16n - 1n),
  uint32: range(0n, 2n ** 32n - 1n),
  uint64: range(0n, 2n ** 64n - 1n),
  size: range(0n, 2n ** 64n - 1n),
};

/** `A uint16: an integer from 0 to 65535.` */
export function widthRemark(width: IntWidth): string {
  const r = INT_RANGES[width];
  return `${width === 'size' ? 'A size (bytes, uint64)' : `A ${width}`}: an integer from ${r.minText} to ${r.maxText}.`;
}
