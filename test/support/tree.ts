/**
 * A generated unit tree for tests and benchmarks: `levels` levels, `total` units, children
 * spread evenly. Returns import nodes (parents first) and, for each node, its ancestors.
 */
export interface GeneratedTree {
  nodes: { name: string; parentIndex?: number }[];
  /** ancestorsOf[i] = indices of i's ancestors, i included. */
  ancestorsOf: number[][];
}

export function generateTree(total: number, levels: number): GeneratedTree {
  // branching factor b such that 1 + b + b^2 + ... + b^(levels-1) >= total
  let b = 2;
  while ((b ** levels - 1) / (b - 1) < total) b += 1;
  const nodes: GeneratedTree['nodes'] = [{ name: 'Root' }];
  const ancestorsOf: number[][] = [[0]];
  let frontier = [0];
  for (let level = 1; level < levels && nodes.length < total; level++) {
    const next: number[] = [];
    for (const p of frontier) {
      for (let k = 0; k < b && nodes.length < total; k++) {
        const i = nodes.length;
        nodes.push({ name: `U${level}-${i}`, parentIndex: p });
        ancestorsOf.push([...ancestorsOf[p]!, i]);
        next.push(i);
      }
    }
    frontier = next;
  }
  return { nodes, ancestorsOf };
}
