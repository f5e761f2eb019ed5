/** `Array.isArray` that keeps the element type of readonly arrays instead of widening it to `any[]`. */
export const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);
