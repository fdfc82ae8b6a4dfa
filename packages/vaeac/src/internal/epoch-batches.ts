/** The batches of one epoch: the shuffled rows in chunks; a short last chunk is padded from the epoch's start. */
export function epochBatches(rows: readonly number[], batchSize: number): number[][] {
  const batches: number[][] = [];
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    if (batch.length < batchSize && rows.length >= batchSize) batch.push(...rows.slice(0, batchSize - batch.length));
    batches.push(batch);
  }
  return batches;
}
