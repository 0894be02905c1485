/**
 * Where benchmark results go so the engine cannot drop the work that made them: every sync's return
 * value is folded into a checksum that the runner prints at the end.
 */

/** A checksum of every consumed result. */
export class ResultSink {
  #checksum = 0;
  #consumed = 0;

  /**
   * Folds one result into the checksum.
   * @param value - a sync's return value (an integer below 2^32)
   */
  consume(value: number): void {
    // Rotate-and-xor keeps the order of results in the checksum, so it also catches reordering.
    this.#checksum = (((this.#checksum << 5) | (this.#checksum >>> 27)) ^ value) >>> 0;
    this.#consumed++;
  }

  /** The checksum so far, as 8 hex digits. */
  get checksum(): string {
    return this.#checksum.toString(16).padStart(8, '0');
  }

  /** How many results were consumed. */
  get consumed(): number {
    return this.#consumed;
  }
}
