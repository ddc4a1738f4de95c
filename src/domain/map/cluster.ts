/** A group of nearby points drawn as one counted bubble. */
export interface Cluster {
  /** Mean position of its points, in map pixels. */
  x: number;
  y: number;
  count: number;
  /** Indexes of its points in the list given. */
  members: number[];
}

/**
 * Grid clustering in projected space: the map is cut into square cells of
 * `cell` pixels and the points of each cell become one cluster at their mean
 * position. Cells are returned in row-major order of the grid.
 */
export function gridCluster(points: [number, number][], cell: number): Cluster[] {
  const cells = new Map<string, Cluster>();
  points.forEach(([x, y], i) => {
    const key = `${Math.floor(y / cell)}:${Math.floor(x / cell)}`;
    const c = cells.get(key);
    if (c) {
      c.x += x;
      c.y += y;
      c.count++;
      c.members.push(i);
    } else cells.set(key, { x, y, count: 1, members: [i] });
  });
  const keyOf = (k: string) => k.split(':').map(Number) as [number, number];
  return [...cells.entries()]
    .sort(([a], [b]) => {
      const [ra, ca] = keyOf(a);
      const [rb, cb] = keyOf(b);
      return ra - rb || ca - cb;
    })
    .map(([, c]) => ({ ...c, x: c.x / c.count, y: c.y / c.count }));
}
