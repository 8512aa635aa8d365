/**
 * Groups concurrent projections into shared transactions. Each projection is a dozen small
 * statements and a commit, and the commit (a WAL flush) is most of its cost when many cases move
 * at once, as during an import. A snapshot that arrives while the batches in flight are busy waits
 * for the next one, so an idle worker adds no delay and a busy one commits many snapshots at once.
 *
 * A failed batch is retried snapshot by snapshot, each in its own transaction, so one bad snapshot
 * (or a deadlock between two batches) fails only its own activity, which Temporal retries.
 */
export interface BatcherOptions {
  /** Snapshots per transaction at most. */
  maxBatch: number;
  /** Transactions in flight at once (each holds a pooled connection). */
  maxInFlight: number;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class ProjectionBatcher<T> {
  private readonly queue: Array<Waiting<T>> = [];
  private inFlight = 0;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<void>,
    private readonly options: BatcherOptions,
  ) {}

  /** Resolves once the item is committed (alone or with others). */
  write(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: Array<Waiting<T>>): Promise<void> {
    try {
      await this.writeBatch(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(
        batch.map(async (w) => {
          try {
            await this.writeBatch([w.item]);
            w.resolve();
          } catch (alone) {
            w.reject(alone);
          }
        }),
      );
    }
  }
}
