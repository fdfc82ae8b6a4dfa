/**
 * Leave-one-out 1-nearest-neighbour accuracy of labelled points [n, d] (row-major): how well the latent space
 * separates the classes. On the torus each coordinate's difference is the circular one, min(|Δ|, 2π − |Δ|).
 * O(n²·d).
 */
export function nearestNeighbourAccuracy(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  d: number,
  torus: boolean,
): number {
  const n = labels.length;
  if (points.length !== n * d) {
    throw new Error(`nearestNeighbourAccuracy: argument 'points' has ${points.length} values, expected ${n}·${d}`);
  }
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bestLabel = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let distance = 0;
      for (let k = 0; k < d; k++) {
        let delta = Math.abs(points[i * d + k]! - points[j * d + k]!);
        if (torus) delta = Math.min(delta, 2 * Math.PI - delta);
        distance += delta * delta;
      }
      if (distance < best) {
        best = distance;
        bestLabel = labels[j]!;
      }
    }
    if (bestLabel === labels[i]) correct++;
  }
  return n > 1 ? correct / n : 0;
}
